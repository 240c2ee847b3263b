package net.icqtransport.oscar.snac;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.flap.FlapFrame;

/**
 * One SNAC: family u16, subtype u16, flags u16, request id u32, then data. Immutable; the data is a private
 * copy. When a received SNAC has flag {@link #FLAG_HAS_PREFIX} the u16-length-prefixed block that precedes
 * the data is skipped on decoding and not part of {@link #data()}.
 */
public final class Snac {
  public static final int HEADER_LENGTH = 10;
  /** More replies follow for this request id. */
  public static final int FLAG_MORE_REPLIES = 0x0001;
  /** A u16-length-prefixed block (family version etc.) precedes the data. */
  public static final int FLAG_HAS_PREFIX = 0x8000;

  private final int family;
  private final int subtype;
  private final int flags;
  private final long requestId;
  private final byte[] data;

  public Snac(int family, int subtype, int flags, long requestId, byte[] data) {
    this(data.clone(), family, subtype, flags, requestId);
  }

  /** Keeps {@code ownData} as it is: only for arrays made here and never handed out. */
  private Snac(byte[] ownData, int family, int subtype, int flags, long requestId) {
    this.family = family & 0xFFFF;
    this.subtype = subtype & 0xFFFF;
    this.flags = flags & 0xFFFF;
    this.requestId = requestId & 0xFFFFFFFFL;
    this.data = ownData;
  }

  /** A SNAC with no flags whose data is written by {@code body}. */
  public static Snac build(SnacType type, long requestId, Consumer<ByteBuf> body) {
    ByteBuf buffer = Unpooled.buffer();
    body.accept(buffer);
    byte[] data = new byte[buffer.readableBytes()];
    buffer.readBytes(data);
    return new Snac(data, type.family(), type.subtype(), 0, requestId);
  }

  public int family() {
    return family;
  }

  public int subtype() {
    return subtype;
  }

  public int flags() {
    return flags;
  }

  public long requestId() {
    return requestId;
  }

  public boolean is(SnacType type) {
    return family == type.family() && subtype == type.subtype();
  }

  public byte[] data() {
    return data.clone();
  }

  /** The data as a read-only, unpooled buffer (nothing to release). */
  public ByteBuf dataBuffer() {
    return Unpooled.wrappedBuffer(data).asReadOnly();
  }

  /** Parses the payload of a channel-2 FLAP frame. */
  public static Snac decode(byte[] payload) {
    return decode(payload.length, Unpooled.wrappedBuffer(payload)::getUnsignedShort,
        (from, to) -> Arrays.copyOfRange(payload, from, to));
  }

  /** Reads a SNAC through in-place accessors: the header's numbers, then one copy of the data. */
  private static Snac decode(int length, IntUnaryOperator u16, DataRange data) {
    if (length < HEADER_LENGTH) {
      throw new OscarProtocolException("truncated SNAC header: " + length + " bytes");
    }
    int family = u16.applyAsInt(0);
    int subtype = u16.applyAsInt(2);
    int flags = u16.applyAsInt(4);
    long requestId = (long) u16.applyAsInt(6) << 16 | u16.applyAsInt(8);
    int start = HEADER_LENGTH;
    if ((flags & FLAG_HAS_PREFIX) != 0) {
      if (length - start < 2) {
        throw new OscarProtocolException("truncated SNAC prefix length");
      }
      int prefixLength = u16.applyAsInt(start);
      start += 2;
      if (length - start < prefixLength) {
        throw new OscarProtocolException("truncated SNAC prefix: " + prefixLength + " bytes announced");
      }
      start += prefixLength;
    }
    return new Snac(data.copy(start, length), family, subtype, flags, requestId);
  }

  /** A copy of part of a SNAC's bytes. */
  @FunctionalInterface
  private interface DataRange {
    byte[] copy(int from, int to);
  }

  /** Header and data as a channel-2 FLAP payload (flags as given; no prefix block is written). */
  public byte[] encode() {
    return ByteBuffer.allocate(HEADER_LENGTH + data.length) // big-endian, as OSCAR's numbers
        .putShort((short) family)
        .putShort((short) subtype)
        .putShort((short) (flags & ~FLAG_HAS_PREFIX))
        .putInt((int) requestId)
        .put(data)
        .array();
  }

  /** This SNAC in a channel-2 FLAP frame. */
  public FlapFrame toFrame() {
    return FlapFrame.of(FlapChannel.DATA, encode());
  }

  /** Decodes a channel-2 frame; {@link OscarProtocolException} for any other channel. */
  public static Snac fromFrame(FlapFrame frame) {
    if (frame.channel() != FlapChannel.DATA) {
      throw new OscarProtocolException("not a SNAC frame: " + frame.channel());
    }
    return decode(frame.payloadLength(), frame::payloadUnsignedShort, frame::payloadRange);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Snac other
        && family == other.family
        && subtype == other.subtype
        && flags == other.flags
        && requestId == other.requestId
        && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new long[] {family, subtype, flags, requestId, Arrays.hashCode(data)});
  }

  /** Header and length only: data may hold passwords or message text. */
  @Override
  public String toString() {
    return String.format("Snac[%02X/%02X flags=%04X req=%d, %d bytes]", family, subtype, flags, requestId, data.length);
  }
}
