package net.icqtransport.oscar.snac.icbm;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import net.icqtransport.oscar.snac.LittleEndianIo;
import net.icqtransport.oscar.snac.SnacIo;

/**
 * The ICQ message inside channel-2 TLV 0x2711 (capability {09461349-…}, "server relay"), also the body of the
 * SNAC(04,0B) that answers it (iserverd snac_04_07_ch2, snac_04_0b_ch2, message). Little-endian throughout:
 * <pre>
 *   u16 27, u16 protocol version, 16-byte plugin GUID (zero for messages), u16 0, u32 client flags, u8 0,
 *   u16 counter; u16 14, u16 counter, 12 zero bytes;
 *   u8 message type, u8 flags, u16 status, u16 priority, u16 length + text + NUL, then optional
 *   u32 text colour, u32 background colour, u32 length + capability GUID string ("{0946134E-…}" = UTF-8).
 * </pre>
 *
 * @param text the text bytes without the terminating NUL, in no particular charset
 * @param trailer what follows the text (colours, capability string), kept as it came
 */
public record IcqServerRelayMessage(
    int protocolVersion, byte[] pluginGuid, long clientFlags, int counter,
    int messageType, int flags, int status, int priority, byte[] text, byte[] trailer) {

  /** Protocol version ICQ 2002/2003 clients put into the header. */
  public static final int PROTOCOL_VERSION = 8;
  /** Client flags seen from ICQ 2002/2003. */
  public static final long CLIENT_FLAGS = 3;
  private static final int HEADER_LENGTH = 27;
  private static final int SECOND_CHUNK_LENGTH = 14;
  private static final byte[] NO_PLUGIN = new byte[16];

  public IcqServerRelayMessage {
    pluginGuid = pluginGuid.clone();
    if (pluginGuid.length != 16) {
      throw new IllegalArgumentException("plugin GUID must be 16 bytes");
    }
    text = text.clone();
    trailer = trailer.clone();
  }

  /** A message (no plugin) with the header ICQ 2003 clients send. */
  public static IcqServerRelayMessage of(int counter, int messageType, int flags, int status, int priority,
      byte[] text, byte[] trailer) {
    return new IcqServerRelayMessage(PROTOCOL_VERSION, NO_PLUGIN, CLIENT_FLAGS, counter, messageType, flags, status,
        priority, text, trailer);
  }

  public boolean isPlugin() {
    return !Arrays.equals(pluginGuid, NO_PLUGIN);
  }

  @Override
  public byte[] pluginGuid() {
    return pluginGuid.clone();
  }

  @Override
  public byte[] text() {
    return text.clone();
  }

  @Override
  public byte[] trailer() {
    return trailer.clone();
  }

  /** The capability GUID string after the colours, if the sender put one there (e.g. the UTF-8 one). */
  public Optional<String> capabilityString() {
    ByteBuf in = Unpooled.wrappedBuffer(trailer);
    if (in.readableBytes() < 12) {
      return Optional.empty();
    }
    in.skipBytes(8);
    long length = in.readUnsignedIntLE();
    if (length == 0 || length > in.readableBytes()) {
      return Optional.empty();
    }
    byte[] guid = new byte[(int) length];
    in.readBytes(guid);
    return Optional.of(new String(guid, StandardCharsets.US_ASCII).trim());
  }

  public byte[] toBytes() {
    ByteBuf out = Unpooled.buffer(64 + text.length + trailer.length);
    out.writeShortLE(HEADER_LENGTH);
    out.writeShortLE(protocolVersion);
    out.writeBytes(pluginGuid);
    out.writeShort(0);
    out.writeIntLE((int) clientFlags);
    out.writeByte(0);
    out.writeShortLE(counter);
    out.writeShortLE(SECOND_CHUNK_LENGTH);
    out.writeShortLE(counter);
    out.writeZero(SECOND_CHUNK_LENGTH - 2);
    if (!isPlugin()) {
      out.writeByte(messageType);
      out.writeByte(flags);
      out.writeShortLE(status);
      out.writeShortLE(priority);
      out.writeShortLE(text.length + 1);
      out.writeBytes(text);
      out.writeByte(0);
    }
    out.writeBytes(trailer);
    byte[] bytes = new byte[out.readableBytes()];
    out.readBytes(bytes);
    return bytes;
  }

  /**
   * Reads the block; {@link net.icqtransport.oscar.OscarProtocolException} when it is cut short. For a plugin
   * message the type is {@link IcqMessageTypes#PLUGIN} and everything after the header is the trailer.
   */
  public static IcqServerRelayMessage decode(byte[] data) {
    ByteBuf in = Unpooled.wrappedBuffer(data);
    ByteBuf header = Unpooled.wrappedBuffer(LittleEndianIo.readU16Bytes(in, "ICQ message header"));
    int version = LittleEndianIo.readU16(header, "ICQ protocol version");
    byte[] plugin = SnacIo.readBytes(header, 16, "ICQ plugin GUID");
    long clientFlags = 0;
    int counter = 0;
    if (header.readableBytes() >= 9) {
      header.skipBytes(2);
      clientFlags = header.readUnsignedIntLE();
      header.skipBytes(1);
      counter = header.readUnsignedShortLE();
    }
    LittleEndianIo.readU16Bytes(in, "ICQ message second header");
    if (!Arrays.equals(plugin, NO_PLUGIN)) {
      return new IcqServerRelayMessage(version, plugin, clientFlags, counter, IcqMessageTypes.PLUGIN, 0, 0, 0,
          new byte[0], SnacIo.readBytes(in, in.readableBytes(), "plugin data"));
    }
    int type = SnacIo.readU8(in, "ICQ message type");
    int flags = SnacIo.readU8(in, "ICQ message flags");
    int status = LittleEndianIo.readU16(in, "ICQ message status");
    int priority = LittleEndianIo.readU16(in, "ICQ message priority");
    byte[] text = LittleEndianIo.readU16Bytes(in, "ICQ message text");
    int end = text.length;
    while (end > 0 && text[end - 1] == 0) {
      end--;
    }
    return new IcqServerRelayMessage(version, plugin, clientFlags, counter, type, flags, status, priority,
        Arrays.copyOf(text, end), SnacIo.readBytes(in, in.readableBytes(), "ICQ message trailer"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IcqServerRelayMessage m && protocolVersion == m.protocolVersion
        && Arrays.equals(pluginGuid, m.pluginGuid) && clientFlags == m.clientFlags && counter == m.counter
        && messageType == m.messageType && flags == m.flags && status == m.status && priority == m.priority
        && Arrays.equals(text, m.text) && Arrays.equals(trailer, m.trailer);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new int[] {protocolVersion, counter, messageType, flags, status, priority,
        Arrays.hashCode(text), Arrays.hashCode(trailer)});
  }

  /** No text: it is private. */
  @Override
  public String toString() {
    return String.format("IcqServerRelayMessage[type=0x%02X, flags=0x%02X, %d text bytes%s]", messageType, flags,
        text.length, isPlugin() ? ", plugin" : "");
  }
}
