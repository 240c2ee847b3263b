package net.icqtransport.distribution.benchmark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The benchmark's baseline: the smallest XEP-0114 component that answers every message by swapping its
 * {@code from} and {@code to}. Raw socket, one thread, no queue, no DOM: whatever rate the clients reach
 * through it is what the XMPP server allows, the limit the transport is measured against.
 */
final class EchoComponent implements AutoCloseable {
  private static final String NS = "jabber:component:accept";

  private final Socket socket;
  private final OutputStream out;
  private final Thread reader;
  private volatile boolean closed;

  private EchoComponent(Socket socket) throws IOException {
    this.socket = socket;
    this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    this.reader = new Thread(this::echoLoop, "echo-component");
  }

  /** Connects and completes the handshake (XEP-0114 §3), then echoes in the background. */
  static EchoComponent connect(int port, String domain, String secret) throws IOException {
    Socket socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    EchoComponent component = new EchoComponent(socket);
    component.handshake(domain, secret);
    return component;
  }

  private StanzaStreamReader in;

  private void handshake(String domain, String secret) throws IOException {
    write("<stream:stream xmlns='" + NS + "' xmlns:stream='http://etherx.jabber.org/streams' to='" + domain + "'>");
    in = new StanzaStreamReader(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
    Map<String, String> header = in.readStreamHeader();
    write("<handshake>" + sha1Hex(header.get("id") + secret) + "</handshake>");
    RawStanza answer = in.next();
    if (answer == null || !answer.name().equals("handshake")) {
      throw new IOException("handshake refused: " + answer);
    }
    reader.setDaemon(true);
    reader.start();
  }

  private void echoLoop() {
    try {
      RawStanza stanza;
      while ((stanza = in.next()) != null) {
        if (stanza.name().equals("message") && !"error".equals(stanza.attribute("type"))) {
          String body = stanza.child("body");
          String id = stanza.attribute("id");
          write("<message from='" + RawStanza.escape(stanza.attribute("to")) + "' to='"
              + RawStanza.escape(stanza.attribute("from")) + "' type='chat'"
              + (id == null ? "" : " id='" + RawStanza.escape(id) + "'") + ">"
              + (body == null ? "" : "<body>" + RawStanza.escape(body) + "</body>") + "</message>");
        }
      }
    } catch (IOException e) {
      if (!closed) {
        System.err.println("echo component: " + e);
      }
    }
  }

  private synchronized void write(String xml) throws IOException {
    out.write(xml.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  static String sha1Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    socket.close();
  }
}
