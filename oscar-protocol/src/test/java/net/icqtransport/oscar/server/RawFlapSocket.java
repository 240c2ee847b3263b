package net.icqtransport.oscar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * A plain {@link Socket} speaking FLAP by hand, with no decoder in the way: for golden bytes of what the server
 * writes last, including what no well-formed frame can hold (a header cut short, a bare EOF).
 */
final class RawFlapSocket implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private int lastSequence = -1;
  private int nextSequence = 0x0100;

  private RawFlapSocket(InetSocketAddress address) throws IOException {
    socket = new Socket(address.getAddress(), address.getPort());
    socket.setSoTimeout((int) TestFlapClient.TIMEOUT.toMillis());
    socket.setTcpNoDelay(true);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  static RawFlapSocket connect(InetSocketAddress address) throws IOException {
    return new RawFlapSocket(address);
  }

  /** Connects to BOS, reads the hello, sends the cookie (reference {@code cli_cookie}) and reads 01/03. */
  static RawFlapSocket signOnBos(OscarSimulator simulator, byte[] cookie) throws IOException {
    RawFlapSocket bos = connect(simulator.bosAddress());
    assertEquals(FlapChannel.SIGNON, bos.readFrame().channel());
    ByteBuf payload = Unpooled.buffer();
    payload.writeInt(1);
    TlvChain.of(Tlv.ofBytes(0x06, cookie)).writeChain(payload);
    byte[] bytes = new byte[payload.readableBytes()];
    payload.readBytes(bytes);
    bos.send(FlapChannel.SIGNON, bytes);
    Snac families = Snac.fromFrame(bos.readFrame());
    assertEquals(0x01, families.family());
    assertEquals(0x03, families.subtype());
    return bos;
  }

  void send(FlapChannel channel, byte[] payload) throws IOException {
    ByteBuf frame = Unpooled.buffer();
    frame.writeByte(0x2A).writeByte(channel.code()).writeShort(nextSequence++).writeShort(payload.length)
        .writeBytes(payload);
    byte[] bytes = new byte[frame.readableBytes()];
    frame.readBytes(bytes);
    out.write(bytes);
    out.flush();
  }

  /** One whole frame, read field by field; remembers its sequence number. */
  FlapFrame readFrame() throws IOException {
    assertEquals(0x2A, in.readUnsignedByte(), "FLAP start");
    FlapChannel channel = FlapChannel.fromCode(in.readUnsignedByte());
    int sequence = in.readUnsignedShort();
    byte[] payload = new byte[in.readUnsignedShort()];
    in.readFully(payload);
    lastSequence = sequence;
    return new FlapFrame(channel, sequence, payload);
  }

  /** The sequence number of the last frame read. */
  int lastSequence() {
    return lastSequence;
  }

  /** Every byte until the server closes; fails if it does not close within the timeout. */
  byte[] readToEnd() throws IOException {
    ByteArrayOutputStream rest = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        rest.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      fail("connection still open after " + TestFlapClient.TIMEOUT + ", read so far: " + rest.size() + " bytes");
    }
    return rest.toByteArray();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
