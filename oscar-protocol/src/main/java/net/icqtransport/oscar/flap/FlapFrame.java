package net.icqtransport.oscar.flap;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One FLAP frame. For frames received, {@code sequence} is the peer's sequence number; for frames to send it
 * is ignored, since {@link FlapFrameEncoder} numbers outgoing frames itself.
 *
 * <p>The payload is a private copy: no reference-counted buffer escapes the codec.
 */
public final class FlapFrame {
  /** The largest payload a FLAP length field can carry. */
  public static final int MAX_PAYLOAD = 0xFFFF;

  private final FlapChannel channel;
  private final int sequence;
  private final byte[] payload;

  public FlapFrame(FlapChannel channel, int sequence, byte[] payload) {
    this(payload.clone(), channel, sequence);
  }

  /** Keeps {@code ownPayload} as it is: for the decoder's fresh arrays, never handed out. */
  private FlapFrame(byte[] ownPayload, FlapChannel channel, int sequence) {
    this.channel = Objects.requireNonNull(channel, "channel");
    if (sequence < 0 || sequence > 0xFFFF) {
      throw new IllegalArgumentException("sequence out of range: " + sequence);
    }
    if (ownPayload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException("FLAP payload too long: " + ownPayload.length);
    }
    this.sequence = sequence;
    this.payload = ownPayload;
  }

  /** A frame read by the {@link FlapFrameDecoder}, which hands over a payload array it made and keeps no reference to. */
  static FlapFrame decoded(FlapChannel channel, int sequence, byte[] payload) {
    return new FlapFrame(payload, channel, sequence);
  }

  /** A frame to send; the encoder assigns the sequence number. */
  public static FlapFrame of(FlapChannel channel, byte[] payload) {
    return new FlapFrame(channel, 0, payload);
  }

  public FlapChannel channel() {
    return channel;
  }

  public int sequence() {
    return sequence;
  }

  /** A copy of the payload. */
  public byte[] payload() {
    return payload.clone();
  }

  public int payloadLength() {
    return payload.length;
  }

  /**
   * The unsigned 16-bit big-endian number at {@code offset} of the payload, read in place (a SNAC's family and
   * subtype, on the path every received frame takes).
   *
   * @throws IndexOutOfBoundsException if the payload ends before {@code offset + 2}
   */
  public int payloadUnsignedShort(int offset) {
    Objects.checkFromIndexSize(offset, 2, payload.length);
    return (payload[offset] & 0xFF) << 8 | payload[offset + 1] & 0xFF;
  }

  /** A copy of the payload from {@code from} (inclusive) to {@code to} (exclusive), without copying the rest. */
  public byte[] payloadRange(int from, int to) {
    Objects.checkFromToIndex(from, to, payload.length);
    return Arrays.copyOfRange(payload, from, to);
  }

  /** Writes the payload to {@code out}, without the copy {@link #payload()} makes (for the {@link FlapFrameEncoder}). */
  void writePayload(ByteBuf out) {
    out.writeBytes(payload);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FlapFrame other
        && channel == other.channel
        && sequence == other.sequence
        && Arrays.equals(payload, other.payload);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * channel.hashCode() + sequence) + Arrays.hashCode(payload);
  }

  /** Shows the payload length only: payloads may carry passwords and message text. */
  @Override
  public String toString() {
    return "FlapFrame[" + channel + ", seq=" + sequence + ", " + payload.length + " bytes]";
  }

  /** The payload in hex, for tests and protocol debugging (never for logs that may hold credentials). */
  public String payloadHex() {
    return HexFormat.of().formatHex(payload);
  }
}
