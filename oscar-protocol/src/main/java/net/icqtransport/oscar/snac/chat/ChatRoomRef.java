package net.icqtransport.oscar.snac.chat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import net.icqtransport.oscar.snac.LegacyText;
import net.icqtransport.oscar.snac.SnacIo;

/**
 * How OSCAR names one chat room (iserverd {@code snac_0d_04}, {@code snac_0d_06}, {@code tlv_chat} TLV 0x05): the
 * exchange u16, the room cookie with a u8 length, the instance u16. The same bytes make TLV 0x0001 of the chat
 * service request (01/04 for family 0x000E) and TLV 0x2711 of a chat invitation. The cookie is the server's id of
 * the room, not a secret: revival servers spell it {@code 4-0-<name>}, AOL spelled it
 * {@code !aol://2719:10-4-<name>} (OSCAR-SERVERS.md "Chat rooms").
 */
public record ChatRoomRef(int exchange, byte[] cookie, int instance) {
  /** The instance a client names when it does not know one, as in a create request (0D/08). */
  public static final int ANY_INSTANCE = 0xFFFF;

  public ChatRoomRef {
    if (exchange < 0 || exchange > 0xFFFF || instance < 0 || instance > 0xFFFF) {
      throw new IllegalArgumentException("exchange and instance are u16: " + exchange + ", " + instance);
    }
    cookie = cookie.clone();
    if (cookie.length > 0xFF) {
      throw new IllegalArgumentException("room cookie longer than 255 bytes: " + cookie.length);
    }
  }

  public static ChatRoomRef of(int exchange, String cookie, int instance) {
    return new ChatRoomRef(exchange, cookie.getBytes(StandardCharsets.UTF_8), instance);
  }

  @Override
  public byte[] cookie() {
    return cookie.clone();
  }

  /** The cookie as text: UTF-8 when valid (ASCII is), else Latin-1, which keeps every byte. */
  public String cookieText() {
    return LegacyText.isValidUtf8(cookie) ? new String(cookie, StandardCharsets.UTF_8)
        : new String(cookie, StandardCharsets.ISO_8859_1);
  }

  /**
   * The room's name as the cookie carries it: what follows the second {@code '-'} ({@code 4-0-Lobby} and
   * {@code !aol://2719:10-4-Lobby} both give {@code Lobby}); a cookie of another shape is taken whole.
   */
  public String nameFromCookie() {
    String text = cookieText();
    String[] parts = text.split("-", 3);
    return parts.length == 3 && !parts[2].isBlank() ? parts[2] : text;
  }

  public void writeTo(ByteBuf out) {
    out.writeShort(exchange);
    out.writeByte(cookie.length);
    out.writeBytes(cookie);
    out.writeShort(instance);
  }

  public byte[] toBytes() {
    ByteBuf out = Unpooled.buffer(5 + cookie.length);
    writeTo(out);
    return Arrays.copyOf(out.array(), out.writerIndex());
  }

  /** Reads one reference and leaves the buffer after it. */
  public static ChatRoomRef read(ByteBuf in) {
    int exchange = SnacIo.readU16(in, "chat exchange");
    int length = SnacIo.readU8(in, "chat cookie length");
    byte[] cookie = SnacIo.readBytes(in, length, "chat cookie");
    int instance = SnacIo.readU16(in, "chat instance");
    return new ChatRoomRef(exchange, cookie, instance);
  }

  /** A TLV value holding a reference (bytes after it, which some clients add, are ignored). */
  public static ChatRoomRef decode(byte[] value) {
    return read(Unpooled.wrappedBuffer(value));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChatRoomRef other && exchange == other.exchange && instance == other.instance
        && Arrays.equals(cookie, other.cookie);
  }

  @Override
  public int hashCode() {
    return Objects.hash(exchange, instance, Arrays.hashCode(cookie));
  }

  @Override
  public String toString() {
    return "ChatRoomRef[" + exchange + ", " + cookieText() + ", " + instance + "]";
  }
}
