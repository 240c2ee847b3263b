package net.icqtransport.oscar.icq;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.icqtransport.oscar.Dumps;
import net.icqtransport.oscar.HexDump;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * A scripted OSCAR server for session tests, over real TCP on 127.0.0.1 with blocking sockets: it logs anyone
 * in with MD5 (any password), signs them on to a BOS connection offering the given families, and then hands
 * every SNAC of a signed-on connection to a script. A connection that presents the cookie {@link #BART_COOKIE}
 * is a service connection for family 0x10. All connections share one port.
 */
final class FakeOscarServer implements AutoCloseable {
  static final String BOS_COOKIE = "bos-cookie";
  static final String BART_COOKIE = "bart-cookie";

  /** What the server does with SNACs after sign-on. */
  interface Script {
    void onSnac(Connection connection, Snac snac) throws IOException;
  }

  /** One accepted connection: frames in and out, with this side's sequence numbers. */
  static final class Connection {
    final String role;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int sequence = 0x1000;

    Connection(Socket socket, String role) throws IOException {
      this.socket = socket;
      this.role = role;
      this.in = new DataInputStream(socket.getInputStream());
      this.out = socket.getOutputStream();
    }

    synchronized void send(FlapChannel channel, byte[] payload) throws IOException {
      byte[] header = {0x2A, (byte) channel.code(), (byte) (sequence >> 8), (byte) sequence,
          (byte) (payload.length >> 8), (byte) payload.length};
      sequence = (sequence + 1) & 0xFFFF;
      out.write(header);
      out.write(payload);
      out.flush();
    }

    void send(Snac snac) throws IOException {
      send(FlapChannel.DATA, snac.encode());
    }

    /** Writes these bytes as they are (no FLAP header added), then closes the connection. */
    synchronized void sendRawAndClose(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
      socket.close();
    }

    /** The next frame as (channel, payload), or null at the end of the stream. */
    Object[] read() throws IOException {
      int marker = in.read();
      if (marker < 0) {
        return null;
      }
      int channel = in.readUnsignedByte();
      in.readUnsignedShort();
      byte[] payload = new byte[in.readUnsignedShort()];
      in.readFully(payload);
      return new Object[] {FlapChannel.fromCode(channel), payload};
    }

    void close() throws IOException {
      socket.close();
    }

    /** Whether the client closed its side (the reading thread saw the end of the stream). */
    volatile boolean ended;
  }

  private final ServerSocket server;
  private final List<Integer> bosFamilies;
  private final Script script;
  private final Thread acceptor;
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  /** Every SNAC a signed-on connection received, with its connection's role. */
  final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  final BlockingQueue<Snac> receivedSnacs = new LinkedBlockingQueue<>();

  FakeOscarServer(List<Integer> bosFamilies, Script script) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.bosFamilies = List.copyOf(bosFamilies);
    this.script = script;
    this.acceptor = new Thread(this::acceptLoop, "fake-oscar-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  String address() {
    return "127.0.0.1:" + port();
  }

  IcqNetworkSettings settings() {
    return IcqNetworkSettings.defaults("127.0.0.1").withLoginPort(port());
  }

  /** The next SNAC any signed-on connection received that matches, within 10 s. */
  Snac await(java.util.function.Predicate<Snac> test) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Snac snac = receivedSnacs.poll(100, TimeUnit.MILLISECONDS);
      if (snac != null && test.test(snac)) {
        return snac;
      }
    }
    throw new AssertionError("the fake server received no matching SNAC within 10 s");
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        socket.setSoTimeout(30_000);
        Thread thread = new Thread(() -> serve(socket), "fake-oscar-connection");
        thread.setDaemon(true);
        thread.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      Connection hello = new Connection(socket, "?");
      hello.send(FlapChannel.SIGNON, new byte[] {0, 0, 0, 1});
      Object[] first = hello.read();
      if (first == null) {
        return;
      }
      byte[] signOn = (byte[]) first[1];
      TlvChain tlvs = TlvChain.readChain(io.netty.buffer.Unpooled.wrappedBuffer(signOn, 4, signOn.length - 4));
      String cookie = tlvs.ascii(0x06).orElse("");
      if (cookie.isEmpty()) {
        authorize(hello);
      } else {
        Connection connection = new Connection(socket, cookie.equals(BART_COOKIE) ? "bart" : "bos");
        // Keep the sequence numbers going on the same socket.
        connection.sequence = hello.sequence;
        connections.add(connection);
        try {
          signOn(connection, cookie.equals(BART_COOKIE) ? List.of(0x01, 0x10) : bosFamilies);
        } finally {
          connection.ended = true;
        }
      }
    } catch (IOException | RuntimeException e) {
      // the client went away, or the test is over
    }
  }

  private void authorize(Connection connection) throws IOException {
    while (true) {
      Object[] frame = connection.read();
      if (frame == null || frame[0] != FlapChannel.DATA) {
        return;
      }
      Snac snac = Snac.decode((byte[]) frame[1]);
      if (snac.is(SnacType.AUTH_KEY_REQUEST)) {
        connection.send(Snac.build(SnacType.AUTH_KEY_REPLY, snac.requestId(), out -> {
          out.writeShort(4);
          out.writeBytes("1234".getBytes(StandardCharsets.US_ASCII));
        }));
      } else if (snac.is(SnacType.AUTH_LOGIN_REQUEST)) {
        connection.send(Snac.build(SnacType.AUTH_LOGIN_REPLY, snac.requestId(), out -> {
          Tlv.ofAscii(0x01, "111111").writeTo(out);
          Tlv.ofAscii(0x05, address()).writeTo(out);
          Tlv.ofAscii(0x06, BOS_COOKIE).writeTo(out);
        }));
      }
    }
  }

  private void signOn(Connection connection, List<Integer> families) throws IOException {
    connection.send(Snac.build(SnacType.SERVICE_SERVER_FAMILIES, 1, out -> families.forEach(out::writeShort)));
    while (true) {
      Object[] frame = connection.read();
      if (frame == null) {
        return;
      }
      if (frame[0] == FlapChannel.SIGNOFF && onClientSignOff != null) {
        onClientSignOff.on(connection);
        continue;
      }
      if (frame[0] != FlapChannel.DATA) {
        continue;
      }
      Snac snac = Snac.decode((byte[]) frame[1]);
      received.add(connection.role + " " + String.format("%02X/%02X", snac.family(), snac.subtype()));
      receivedSnacs.add(snac);
      if (snac.is(SnacType.SERVICE_FAMILY_VERSIONS_REQUEST)) {
        connection.send(new Snac(0x01, 0x18, 0, snac.requestId(), snac.data()));
      } else if (snac.is(SnacType.SERVICE_RATE_PARAMS_REQUEST)) {
        Snac dump = Snac.decode(HexDump.flapPayload(Dumps.RATE_PARAMS));
        connection.send(new Snac(0x01, 0x07, 0, snac.requestId(), dump.data()));
      } else if (snac.is(SnacType.SSI_LIST_CHECK)) {
        connection.send(Snac.build(SnacType.SSI_UP_TO_DATE, snac.requestId(), out -> { }));
      } else {
        script.onSnac(connection, snac);
      }
    }
  }

  /** What the server does when a signed-on client sends its sign-off frame (channel 4); null: ignore it. */
  @FunctionalInterface
  interface SignOffScript {
    void on(Connection connection) throws IOException;
  }

  volatile SignOffScript onClientSignOff;

  /** A script that answers nothing after sign-on. */
  static Script silent() {
    return (connection, snac) -> { };
  }

  /** Whether every signed-on connection has ended. */
  boolean allClosed() {
    return !connections.isEmpty() && connections.stream().allMatch(c -> c.ended);
  }

  /** Runs {@code action} on every BOS connection (e.g. to send a channel-4 frame). */
  void eachBos(Consumer<Connection> action) {
    connections.stream().filter(c -> c.role.equals("bos")).forEach(action);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Connection connection : connections) {
      connection.close();
    }
  }

  @SuppressWarnings("unused")
  private static void drain(InputStream in) throws IOException {
    in.readAllBytes();
  }
}
