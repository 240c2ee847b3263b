package net.icqtransport.distribution.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy to a local port that can stall or cut: {@link #stallOpenConnections()} makes every connection
 * open now stop forwarding in both directions without closing (a half-dead NAT entry, a hung peer: no bytes,
 * no FIN, no RST); connections accepted later forward normally. {@link #cut()} closes every connection and
 * closes new ones at once (the path to the target is gone) until {@link #restore()}. Plain blocking sockets,
 * two threads per connection.
 */
final class StallingTcpProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private final AtomicBoolean cut = new AtomicBoolean();

  private record Link(Socket client, Socket target, AtomicBoolean stalled) {}

  StallingTcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "stalling-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** How many connections the proxy has accepted and forwarded so far. */
  int connections() {
    return links.size();
  }

  /** Every connection open now stops forwarding, and stays open. */
  void stallOpenConnections() {
    links.forEach(link -> link.stalled().set(true));
  }

  /** Closes every connection open now, and from now on every new one as soon as it is accepted. */
  void cut() throws IOException {
    cut.set(true);
    for (Link link : links) {
      link.client().close();
      link.target().close();
    }
  }

  /** New connections forward again. */
  void restore() {
    cut.set(false);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (cut.get()) {
          client.close();
          continue;
        }
        Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        Link link = new Link(client, target, new AtomicBoolean());
        links.add(link);
        pump(link, client, target, "up");
        pump(link, target, client, "down");
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static void pump(Link link, Socket from, Socket to, String direction) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        while (true) {
          if (link.stalled().get()) {
            Thread.sleep(50); // hold the socket open, read nothing, write nothing
            continue;
          }
          int n = in.read(buffer);
          if (n < 0) {
            to.shutdownOutput();
            return;
          }
          if (link.stalled().get()) {
            continue; // bytes read just as the stall began are swallowed, as a dead path would
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // socket closed by close() or by the peer
      }
    }, "stalling-proxy-" + direction);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Link link : links) {
      link.client().close();
      link.target().close();
    }
  }
}
