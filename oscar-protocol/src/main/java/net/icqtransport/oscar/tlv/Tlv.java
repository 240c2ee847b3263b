package net.icqtransport.oscar.tlv;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import net.icqtransport.oscar.OscarProtocolException;

/** One TLV: type u16, length u16, value. Immutable; the value is a private copy. */
public final class Tlv {
  private final int type;
  private final byte[] value;

  public Tlv(int type, byte[] value) {
    if (type < 0 || type > 0xFFFF) {
      throw new IllegalArgumentException("TLV type out of range: " + type);
    }
    if (value.length > 0xFFFF) {
      throw new IllegalArgumentException("TLV value too long: " + value.length);
    }
    this.type = type;
    this.value = value.clone();
  }

  public static Tlv ofBytes(int type, byte[] value) {
    return new Tlv(type, value);
  }

  public static Tlv ofU8(int type, int value) {
    return new Tlv(type, new byte[] {(byte) value});
  }

  public static Tlv ofU16(int type, int value) {
    return new Tlv(type, new byte[] {(byte) (value >>> 8), (byte) value});
  }

  public static Tlv ofU32(int type, long value) {
    return new Tlv(type, new byte[] {
        (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
  }

  /** A TLV holding ASCII text (screen names, client names, hosts). */
  public static Tlv ofAscii(int type, String value) {
    return new Tlv(type, value.getBytes(StandardCharsets.US_ASCII));
  }

  public static Tlv empty(int type) {
    return new Tlv(type, new byte[0]);
  }

  public int type() {
    return type;
  }

  public byte[] value() {
    return value.clone();
  }

  public int length() {
    return value.length;
  }

  /** The value as an unsigned big-endian number of 1, 2 or 4 bytes. */
  public long asUnsigned() {
    if (value.length != 1 && value.length != 2 && value.length != 4) {
      throw new OscarProtocolException(
          String.format("TLV 0x%04X: expected a 1, 2 or 4 byte number, got %d bytes", type, value.length));
    }
    long result = 0;
    for (byte b : value) {
      result = (result << 8) | (b & 0xFF);
    }
    return result;
  }

  public int asU16() {
    if (value.length != 2) {
      throw new OscarProtocolException(String.format("TLV 0x%04X: expected 2 bytes, got %d", type, value.length));
    }
    return ((value[0] & 0xFF) << 8) | (value[1] & 0xFF);
  }

  public String asAscii() {
    return new String(value, StandardCharsets.US_ASCII);
  }

  /** Reads one TLV; {@link OscarProtocolException} if the buffer ends inside it. */
  public static Tlv read(ByteBuf in) {
    if (in.readableBytes() < 4) {
      throw new OscarProtocolException("truncated TLV header: " + in.readableBytes() + " bytes left");
    }
    int type = in.readUnsignedShort();
    int length = in.readUnsignedShort();
    if (in.readableBytes() < length) {
      throw new OscarProtocolException(String.format(
          "truncated TLV 0x%04X: length %d, %d bytes left", type, length, in.readableBytes()));
    }
    byte[] value = new byte[length];
    in.readBytes(value);
    return new Tlv(type, value);
  }

  public void writeTo(ByteBuf out) {
    out.writeShort(type);
    out.writeShort(value.length);
    out.writeBytes(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tlv other && type == other.type && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return 31 * type + Arrays.hashCode(value);
  }

  /** Type and length only: values may be passwords or password hashes. */
  @Override
  public String toString() {
    return String.format("Tlv[0x%04X, %d bytes]", type, value.length);
  }

  /** The value in hex, for tests. */
  public String valueHex() {
    return HexFormat.of().formatHex(value);
  }
}
