package net.icqtransport.oscar.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.icqtransport.oscar.oft.OftException;
import net.icqtransport.oscar.oft.OftProxyCommand;
import net.icqtransport.oscar.oft.OftProxyFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's rendezvous proxy (the part of AIM's "ars.oscar.aol.com:5190" a sendfile needs; libpurple
 * peer_proxy.c): a sender's INITIATE_SEND gets ACKNOWLEDGE with a fresh pin and this proxy's IPv4 address; a
 * receiver's INITIATE_RECEIVE naming that pin and the same cookie makes the proxy send READY to both and copy bytes
 * between them until either side closes. A receiver naming an unknown pin or cookie gets ERROR
 * {@value #ERROR_NO_MATCH} and is closed.
 *
 * <p>Blocking sockets, two threads per relayed pair: a test server, not a production relay.
 */
final class RendezvousProxy implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RendezvousProxy.class);
  static final int ERROR_NO_MATCH = 0x000D;
  private static final int HANDSHAKE_TIMEOUT_MILLIS = 30_000;

  private final ServerSocket server;
  private final Inet4Address advertised;
  private final Map<Integer, Waiting> waiting = new ConcurrentHashMap<>();
  private final AtomicInteger nextPin = new AtomicInteger(0x1000);
  private final Map<Socket, Boolean> open = new ConcurrentHashMap<>();

  private record Waiting(long cookie, Socket sender) {}

  RendezvousProxy(String host, int port, Inet4Address advertised) {
    try {
      this.server = new ServerSocket();
      server.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    this.advertised = advertised;
    Thread acceptor = new Thread(this::acceptLoop, "oscar-simulator-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  InetSocketAddress address() {
    return new InetSocketAddress(advertised, server.getLocalPort());
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        open.put(socket, true);
        Thread handler = new Thread(() -> handshake(socket), "oscar-simulator-proxy-peer");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException e) {
        if (!server.isClosed()) {
          LOG.warn("rendezvous proxy: accept failed: {}", e.getMessage());
        }
      }
    }
  }

  private void handshake(Socket socket) {
    try {
      socket.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
      OftProxyFrame frame = OftProxyFrame.read(socket.getInputStream());
      OftProxyFrame.Initiation initiation = frame.initiation();
      if (frame.command() == OftProxyCommand.INITIATE_SEND) {
        int pin = nextPin.getAndUpdate(p -> p >= 0xFFFF ? 0x1000 : p + 1);
        waiting.put(pin, new Waiting(initiation.cookie(), socket));
        write(socket, OftProxyFrame.acknowledge(pin, advertised));
        LOG.debug("rendezvous proxy: {} waits on pin {}", initiation.screenName(), pin);
        return; // the receiver's thread relays
      }
      Waiting sender = waiting.get(initiation.pin());
      if (sender == null || sender.cookie() != initiation.cookie()) {
        write(socket, OftProxyFrame.error(ERROR_NO_MATCH));
        close(socket);
        return;
      }
      waiting.remove(initiation.pin());
      socket.setSoTimeout(0);
      sender.sender().setSoTimeout(0);
      write(sender.sender(), OftProxyFrame.ready());
      write(socket, OftProxyFrame.ready());
      Thread back = new Thread(() -> copy(socket, sender.sender()), "oscar-simulator-proxy-relay");
      back.setDaemon(true);
      back.start();
      copy(sender.sender(), socket);
    } catch (IOException | OftException | IllegalStateException e) {
      LOG.debug("rendezvous proxy: dropping a peer: {}", e.getMessage());
      close(socket);
    }
  }

  private void copy(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      LOG.debug("rendezvous proxy: relay ended: {}", e.getMessage());
    } finally {
      close(from);
      close(to);
    }
  }

  private static void write(Socket socket, OftProxyFrame frame) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(frame.toBytes());
    out.flush();
  }

  private void close(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    open.keySet().forEach(this::close);
    waiting.clear();
  }

  static Inet4Address ipv4(String host) {
    try {
      InetAddress address = InetAddress.getByName(host);
      return address instanceof Inet4Address v4 && !v4.isAnyLocalAddress() ? v4
          : (Inet4Address) InetAddress.getByName("127.0.0.1");
    } catch (IOException e) {
      throw new IllegalArgumentException("not an IPv4 host: " + host, e);
    }
  }
}
