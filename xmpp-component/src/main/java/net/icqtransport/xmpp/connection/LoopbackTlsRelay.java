package net.icqtransport.xmpp.connection;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries one XEP-0114 stream between Whack and a TLS socket this side opened and verified.
 *
 * <p>Why a relay: Whack 3.1.0 makes its TLS socket with the JVM-wide {@code SSLSocketFactory.getDefault()} and
 * never sets an endpoint identification algorithm, so it neither takes a configured CA file nor checks the
 * host name (RFC 6125 §6). Rather than replace JVM-wide TLS state, or copy Whack's private connect logic, the
 * verified {@link SSLSocket} is made here and Whack speaks plaintext to a one-shot listener on the loopback
 * interface, which accepts exactly one connection and closes. The relay ends both sockets when either side
 * ends, so Whack sees the end of the TLS stream as the end of its own.
 */
final class LoopbackTlsRelay implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(LoopbackTlsRelay.class);
  private static final int ACCEPT_TIMEOUT_MILLIS = 10_000;

  private final SSLSocket upstream;
  private final ServerSocket listener;
  private volatile Socket local;
  private volatile boolean closed;

  private LoopbackTlsRelay(SSLSocket upstream, ServerSocket listener) {
    this.upstream = upstream;
    this.listener = listener;
  }

  /** Starts relaying between {@code upstream} and the first connection to {@link #port()}. */
  static LoopbackTlsRelay start(SSLSocket upstream, String description) throws IOException {
    ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    listener.setSoTimeout(ACCEPT_TIMEOUT_MILLIS);
    LoopbackTlsRelay relay = new LoopbackTlsRelay(upstream, listener);
    Thread thread = new Thread(relay::acceptAndRelay, "xmpp-tls-relay " + description);
    thread.setDaemon(true);
    thread.start();
    return relay;
  }

  /** The loopback port Whack connects to. */
  int port() {
    return listener.getLocalPort();
  }

  private void acceptAndRelay() {
    try {
      Socket accepted;
      try {
        accepted = listener.accept();
      } finally {
        listener.close(); // one connection only
      }
      local = accepted;
      if (closed) {
        close();
        return;
      }
      Thread up = new Thread(() -> pump(accepted, upstream), Thread.currentThread().getName() + " out");
      up.setDaemon(true);
      up.start();
      pump(upstream, accepted);
    } catch (IOException e) {
      if (!closed) {
        LOG.debug("TLS relay ended: {}", e.toString());
      }
      close();
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      if (!closed) {
        LOG.debug("TLS relay ended: {}", e.toString());
      }
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(listener);
    closeQuietly(upstream);
    Socket accepted = local;
    if (accepted != null) {
      closeQuietly(accepted);
    }
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
