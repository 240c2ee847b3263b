package net.icqtransport.distribution.benchmark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays the XMPP server's side of the component connection (XEP-0114) for the scale and restart benchmarks,
 * where thousands of Jabber clients would cost more than the transport: it accepts the handshake without
 * checking the secret, answers every presence probe from the component (XEP-0100 §4.4) with an available
 * presence of the user, and counts the transport's own presences to each user: plain available = logged in
 * to ICQ; {@code show=xa} other than "Logging in…" = a failed login being retried; {@code show=dnd} = refused.
 * The soak run also sends the users' own presences ({@link #presences}): a user sent unavailable stays
 * unavailable, and the probes for such a user go unanswered, until sent available again.
 * Listens on 127.0.0.1, one component connection at a time.
 */
final class FakeXmppServer implements AutoCloseable {
  private final ServerSocket listener;
  private final String domain;
  private final Thread acceptor;
  private final Set<String> online = ConcurrentHashMap.newKeySet();
  /** Users (bare JIDs) last sent unavailable by {@link #presences}: their probes are not answered. */
  private final Set<String> unavailable = ConcurrentHashMap.newKeySet();
  private final Object writeLock = new Object();
  /** The connected component's stream after the handshake; null when none is connected. */
  private volatile OutputStream stream;
  final AtomicLong retriedLogins = new AtomicLong();
  final AtomicLong refusedLogins = new AtomicLong();
  private volatile Socket current;

  FakeXmppServer(String domain) throws IOException {
    this.domain = domain;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "fake-xmpp-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /**
   * Sends each user's presence to the component as the server would route it from the user's client
   * ({@code user/bench}): available, or unavailable (the transport then signs the user off ICQ, XEP-0100 §4.5).
   * Without a connected component only the state is kept, which decides how its probes are answered.
   *
   * @param users bare JIDs, e.g. {@code u0@localhost}
   */
  void presences(Collection<String> users, boolean available) throws IOException {
    StringBuilder xml = new StringBuilder(users.size() * 80);
    for (String user : users) {
      if (available) {
        unavailable.remove(user);
        xml.append("<presence from='").append(RawStanza.escape(user)).append("/bench' to='")
            .append(RawStanza.escape(domain)).append("'/>");
      } else {
        unavailable.add(user);
        xml.append("<presence type='unavailable' from='").append(RawStanza.escape(user)).append("/bench' to='")
            .append(RawStanza.escape(domain)).append("'/>");
      }
    }
    OutputStream out = stream;
    if (out != null) {
      write(out, xml.toString());
    }
  }

  /** Users the transport currently shows as logged in to ICQ. */
  int onlineCount() {
    return online.size();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try (Socket socket = listener.accept()) {
        current = socket;
        online.clear();
        serve(socket);
      } catch (IOException e) {
        // the component went away: wait for the next one
      } finally {
        stream = null;
      }
    }
  }

  private void serve(Socket socket) throws IOException {
    socket.setTcpNoDelay(true);
    OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    StanzaStreamReader in = new StanzaStreamReader(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
    in.readStreamHeader();
    write(out, "<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
        + "xmlns:stream='http://etherx.jabber.org/streams' from='" + domain + "' id='bench-" + System.nanoTime() + "'>");
    RawStanza handshake = in.next();
    if (handshake == null || !handshake.name().equals("handshake")) {
      throw new IOException("no handshake");
    }
    write(out, "<handshake/>");
    stream = out;
    RawStanza stanza;
    while ((stanza = in.next()) != null) {
      if (!stanza.name().equals("presence")) {
        continue;
      }
      String to = stanza.attribute("to");
      String type = stanza.attribute("type");
      String user = to == null ? "" : bare(to);
      if ("probe".equals(type)) {
        if (unavailable.contains(user)) {
          continue; // no answer: the transport starts no session for the user
        }
        write(out, "<presence from='" + RawStanza.escape(user) + "/bench' to='" + RawStanza.escape(domain) + "'/>");
      } else if (domain.equals(stanza.attribute("from"))) {
        String show = stanza.child("show");
        if (type == null && show == null) {
          online.add(user);
        } else {
          online.remove(user);
          if ("xa".equals(show) && !String.valueOf(stanza.child("status")).startsWith("Logging in")) {
            retriedLogins.incrementAndGet();
          } else if ("dnd".equals(show)) {
            refusedLogins.incrementAndGet();
          }
        }
      }
    }
  }

  private static String bare(String jid) {
    int slash = jid.indexOf('/');
    return slash < 0 ? jid : jid.substring(0, slash);
  }

  /** Writes whole stanzas: the reading thread's probe answers and {@link #presences} never interleave. */
  private void write(OutputStream out, String xml) throws IOException {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    synchronized (writeLock) {
      out.write(bytes);
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    Socket socket = current;
    if (socket != null) {
      socket.close();
    }
  }

  Map<String, Long> counters() {
    return Map.of("retried", retriedLogins.get(), "refused", refusedLogins.get());
  }
}
