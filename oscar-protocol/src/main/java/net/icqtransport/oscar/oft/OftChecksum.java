package net.icqtransport.oscar.oft;

/**
 * The OFT2 file checksum (the algorithm AIM clients share, as libpurple's {@code peer_oft_checksum_chunk}): a
 * ones'-complement style sum that subtracts even-offset bytes shifted left by 8 and odd-offset bytes as they are,
 * folded to 16 bits and kept in the high word. An empty file sums to {@link #INITIAL}. Feed chunks in order; the
 * offset parity carries across chunks.
 */
public final class OftChecksum {
  /** The checksum of nothing, and the value headers carry for empty resource forks. */
  public static final long INITIAL = 0xFFFF0000L;

  private long value = INITIAL;
  private long offset;

  public OftChecksum update(byte[] bytes, int from, int length) {
    long checksum = (value >>> 16) & 0xFFFF;
    for (int i = 0; i < length; i++) {
      long old = checksum;
      int b = bytes[from + i] & 0xFF;
      long val = ((offset + i) & 1) == 1 ? b : b << 8;
      checksum = (checksum - val) & 0xFFFFFFFFL;
      if (checksum > old) {
        checksum = (checksum - 1) & 0xFFFFFFFFL;
      }
    }
    checksum = (checksum & 0xFFFF) + (checksum >>> 16);
    checksum = (checksum & 0xFFFF) + (checksum >>> 16);
    value = (checksum << 16) & 0xFFFFFFFFL;
    offset += length;
    return this;
  }

  public OftChecksum update(byte[] bytes) {
    return update(bytes, 0, bytes.length);
  }

  /** The checksum so far, an unsigned 32-bit value. */
  public long value() {
    return value;
  }

  public static long of(byte[] bytes) {
    return new OftChecksum().update(bytes).value();
  }
}
