package net.icqtransport.oscar.oft;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One packet of the rendezvous proxy protocol (libpurple peer_proxy.c, {@code ProxyFrame}): length u16 (of what
 * follows it), version u16 {@value #VERSION}, command u16 ({@link OftProxyCommand}), 4 unknown bytes (0), flags
 * u16, then the command's body. Bodies:
 *
 * <ul>
 *   <li>INITIATE_SEND: own screen name (u8 length), ICBM cookie u64, TLV 0x0001 = capability GUID;</li>
 *   <li>ACKNOWLEDGE: port u16 (the "pin" the proposal carries in TLV 0x05), IPv4 address u32;</li>
 *   <li>INITIATE_RECEIVE: own screen name (u8 length), the pin u16, ICBM cookie u64, TLV 0x0001 = capability;</li>
 *   <li>READY: empty: from now on the connection carries the peers' OFT bytes;</li>
 *   <li>ERROR: code u16.</li>
 * </ul>
 */
public record OftProxyFrame(OftProxyCommand command, int flags, byte[] body) {
  public static final int VERSION = 0x044A;
  /** A proxy packet is small; anything longer is garbage. */
  public static final int MAX_LENGTH = 1024;
  private static final int TLV_CAPABILITY = 0x0001;

  public OftProxyFrame {
    Objects.requireNonNull(command, "command");
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  public static OftProxyFrame initiateSend(String screenName, long cookie, byte[] capability) {
    ByteBuffer out = ByteBuffer.allocate(1 + 255 + 8 + 4 + 16);
    putScreenName(out, screenName);
    out.putLong(cookie);
    putCapability(out, capability);
    return new OftProxyFrame(OftProxyCommand.INITIATE_SEND, 0, bytes(out));
  }

  public static OftProxyFrame initiateReceive(String screenName, int pin, long cookie, byte[] capability) {
    ByteBuffer out = ByteBuffer.allocate(1 + 255 + 2 + 8 + 4 + 16);
    putScreenName(out, screenName);
    out.putShort((short) pin);
    out.putLong(cookie);
    putCapability(out, capability);
    return new OftProxyFrame(OftProxyCommand.INITIATE_RECEIVE, 0, bytes(out));
  }

  public static OftProxyFrame acknowledge(int pin, Inet4Address address) {
    ByteBuffer out = ByteBuffer.allocate(6);
    out.putShort((short) pin).put(address.getAddress());
    return new OftProxyFrame(OftProxyCommand.ACKNOWLEDGE, 0, out.array());
  }

  public static OftProxyFrame ready() {
    return new OftProxyFrame(OftProxyCommand.READY, 0, new byte[0]);
  }

  public static OftProxyFrame error(int code) {
    return new OftProxyFrame(OftProxyCommand.ERROR, 0, new byte[] {(byte) (code >> 8), (byte) code});
  }

  /** What an INITIATE_SEND or INITIATE_RECEIVE asks for; the pin is 0 for INITIATE_SEND. */
  public record Initiation(String screenName, int pin, long cookie) {}

  public Initiation initiation() {
    if (command != OftProxyCommand.INITIATE_SEND && command != OftProxyCommand.INITIATE_RECEIVE) {
      throw new IllegalStateException("not an initiation: " + command);
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(body);
      byte[] name = new byte[in.get() & 0xFF];
      in.get(name);
      int pin = command == OftProxyCommand.INITIATE_RECEIVE ? in.getShort() & 0xFFFF : 0;
      return new Initiation(new String(name, StandardCharsets.US_ASCII), pin, in.getLong());
    } catch (RuntimeException e) {
      throw new OftException("truncated " + command + " body");
    }
  }

  /** The pin of an ACKNOWLEDGE. */
  public int pin() {
    requireAcknowledge();
    return ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
  }

  /** The address of an ACKNOWLEDGE: where the peer must connect. */
  public Inet4Address address() {
    requireAcknowledge();
    try {
      return (Inet4Address) InetAddress.getByAddress(java.util.Arrays.copyOfRange(body, 2, 6));
    } catch (UnknownHostException e) {
      throw new OftException("bad address in proxy acknowledge");
    }
  }

  /** The code of an ERROR. */
  public int errorCode() {
    return body.length >= 2 ? ((body[0] & 0xFF) << 8) | (body[1] & 0xFF) : 0;
  }

  private void requireAcknowledge() {
    if (command != OftProxyCommand.ACKNOWLEDGE || body.length < 6) {
      throw new OftException("not a proxy acknowledge: " + command);
    }
  }

  public byte[] toBytes() {
    ByteBuffer out = ByteBuffer.allocate(12 + body.length);
    out.putShort((short) (10 + body.length));
    out.putShort((short) VERSION);
    out.putShort((short) command.code());
    out.putInt(0);
    out.putShort((short) flags);
    out.put(body);
    return out.array();
  }

  /** Reads one packet; refuses another version and lengths under 10 or over {@value #MAX_LENGTH}. */
  public static OftProxyFrame read(InputStream stream) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    int length = in.readUnsignedShort();
    if (length < 10 || length > MAX_LENGTH) {
      throw new OftException("rendezvous proxy packet of length " + length);
    }
    int version = in.readUnsignedShort();
    if (version != VERSION) {
      throw new OftException("rendezvous proxy version 0x" + Integer.toHexString(version));
    }
    OftProxyCommand command = OftProxyCommand.of(in.readUnsignedShort());
    in.readInt();
    int flags = in.readUnsignedShort();
    byte[] body = new byte[length - 10];
    in.readFully(body);
    return new OftProxyFrame(command, flags, body);
  }

  private static void putScreenName(ByteBuffer out, String screenName) {
    byte[] name = screenName.getBytes(StandardCharsets.US_ASCII);
    if (name.length > 255) {
      throw new IllegalArgumentException("screen name too long");
    }
    out.put((byte) name.length).put(name);
  }

  private static void putCapability(ByteBuffer out, byte[] capability) {
    if (capability.length != 16) {
      throw new IllegalArgumentException("capability GUID must be 16 bytes");
    }
    out.putShort((short) TLV_CAPABILITY).putShort((short) 16).put(capability);
  }

  private static byte[] bytes(ByteBuffer out) {
    byte[] bytes = new byte[out.position()];
    out.flip().get(bytes);
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OftProxyFrame f && command == f.command && flags == f.flags
        && java.util.Arrays.equals(body, f.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(command, flags, java.util.Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return "OftProxyFrame[" + command + ", " + body.length + " bytes]";
  }
}
