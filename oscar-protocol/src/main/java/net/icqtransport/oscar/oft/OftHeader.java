package net.icqtransport.oscar.oft;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One OFT2 header, as AIM/ICQ clients exchange them on a file-transfer connection (libpurple oft.c
 * {@code OftFrame}, libfaim ft.c {@code aim_fileheader_t}). Big-endian throughout:
 *
 * <pre>
 *   0 magic "OFT2"          4 header length u16 (256)   6 type u16 ({@link OftType})
 *   8 cookie u64 (0 in a prompt; the ICBM cookie in the answers)
 *  16 encryption u16       18 compression u16          20 total files u16    22 files left u16
 *  24 total parts u16      26 parts left u16           28 total size u32     32 size u32
 *  36 modification time u32 40 checksum u32            44 res. fork received checksum u32
 *  48 res. fork size u32   52 creation time u32        56 res. fork checksum u32
 *  60 bytes received u32   64 received checksum u32    68 id string, 32 bytes ("Cool FileXfer")
 * 100 flags u8            101 list name offset u8     102 list size offset u8
 * 103 dummy, 69 bytes     172 Mac file info, 16 bytes 188 name encoding u16 (0 ASCII, 2 UTF-16BE, 3 Latin-1)
 * 190 name language u16   192 file name, NUL-terminated, at least 64 bytes (longer names lengthen the header)
 * </pre>
 *
 * Sizes are u32: OFT2 cannot describe a file of 4 GiB or more.
 */
public record OftHeader(
    OftType type,
    long cookie,
    int encryption,
    int compression,
    int totalFiles,
    int filesLeft,
    int totalParts,
    int partsLeft,
    long totalSize,
    long size,
    long modificationTime,
    long checksum,
    long resourceForkReceivedChecksum,
    long resourceForkSize,
    long creationTime,
    long resourceForkChecksum,
    long bytesReceived,
    long receivedChecksum,
    String idString,
    int flags,
    int listNameOffset,
    int listSizeOffset,
    int nameEncoding,
    int nameLanguage,
    String fileName) {

  public static final byte[] MAGIC = {'O', 'F', 'T', '2'};
  public static final int MIN_LENGTH = 256;
  /** Longest header accepted: a 1 KiB file name. */
  public static final int MAX_LENGTH = 192 + 1024;
  public static final String ID_STRING = "Cool FileXfer";
  public static final int ENCODING_ASCII = 0x0000;
  public static final int ENCODING_UTF16BE = 0x0002;
  public static final int ENCODING_LATIN1 = 0x0003;
  /** Flags libpurple and AIM set while negotiating; {@link #FLAG_DONE} in the receiver's final header. */
  public static final int FLAG_NEGOTIATING = 0x20;
  public static final int FLAG_DONE = 0x01;
  private static final int FIXED_PART = 192;
  private static final int ID_LENGTH = 32;
  private static final int DUMMY_LENGTH = 69;
  private static final int MAC_INFO_LENGTH = 16;
  private static final int MIN_NAME_FIELD = 64;

  public OftHeader {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(idString, "idString");
    Objects.requireNonNull(fileName, "fileName");
    u16(encryption, "encryption");
    u16(compression, "compression");
    u16(totalFiles, "totalFiles");
    u16(filesLeft, "filesLeft");
    u16(totalParts, "totalParts");
    u16(partsLeft, "partsLeft");
    u32(totalSize, "totalSize");
    u32(size, "size");
    u32(modificationTime, "modificationTime");
    u32(checksum, "checksum");
    u32(resourceForkReceivedChecksum, "resourceForkReceivedChecksum");
    u32(resourceForkSize, "resourceForkSize");
    u32(creationTime, "creationTime");
    u32(resourceForkChecksum, "resourceForkChecksum");
    u32(bytesReceived, "bytesReceived");
    u32(receivedChecksum, "receivedChecksum");
    if (idString.getBytes(StandardCharsets.US_ASCII).length >= ID_LENGTH) {
      throw new IllegalArgumentException("id string longer than 31 bytes");
    }
    if (nameEncoding != ENCODING_ASCII && nameEncoding != ENCODING_UTF16BE && nameEncoding != ENCODING_LATIN1) {
      throw new IllegalArgumentException("unknown name encoding 0x" + Integer.toHexString(nameEncoding));
    }
    if (FIXED_PART + nameField(encodeName(fileName, nameEncoding).length, nameEncoding) > MAX_LENGTH) {
      throw new IllegalArgumentException("file name too long for an OFT2 header");
    }
  }

  /**
   * The sender's prompt for one file, as libpurple fills it: one file in one part, the empty-fork checksums,
   * flags {@link #FLAG_NEGOTIATING}, list offsets 0x1C / 0x11, and the name in ASCII when it is, else UTF-16BE.
   */
  public static OftHeader prompt(String fileName, long size, long checksum, long modificationTime) {
    int encoding = StandardCharsets.US_ASCII.newEncoder().canEncode(fileName) ? ENCODING_ASCII : ENCODING_UTF16BE;
    return new OftHeader(OftType.PROMPT, 0, 0, 0, 1, 1, 1, 1, size, size, modificationTime, checksum,
        OftChecksum.INITIAL, 0, 0, OftChecksum.INITIAL, 0, OftChecksum.INITIAL, ID_STRING, FLAG_NEGOTIATING,
        0x1C, 0x11, encoding, 0, fileName);
  }

  /** The receiver's answer to a prompt: the same header, typed ACKNOWLEDGE, carrying the ICBM cookie. */
  public OftHeader acknowledge(long icbmCookie) {
    return with(OftType.ACKNOWLEDGE, icbmCookie, flags, bytesReceived, receivedChecksum);
  }

  /** The receiver's last header: DONE, with what it got and its checksum, one file fewer left. */
  public OftHeader done(long received, long receivedSum) {
    return new OftHeader(OftType.DONE, cookie, encryption, compression, totalFiles, Math.max(0, filesLeft - 1),
        totalParts, Math.max(0, partsLeft - 1), totalSize, size, modificationTime, checksum,
        resourceForkReceivedChecksum, resourceForkSize, creationTime, resourceForkChecksum, received, receivedSum,
        idString, FLAG_DONE, listNameOffset, listSizeOffset, nameEncoding, nameLanguage, fileName);
  }

  private OftHeader with(OftType newType, long newCookie, int newFlags, long received, long receivedSum) {
    return new OftHeader(newType, newCookie, encryption, compression, totalFiles, filesLeft, totalParts, partsLeft,
        totalSize, size, modificationTime, checksum, resourceForkReceivedChecksum, resourceForkSize, creationTime,
        resourceForkChecksum, received, receivedSum, idString, newFlags, listNameOffset, listSizeOffset,
        nameEncoding, nameLanguage, fileName);
  }

  /** The header's wire length: 256, or more for a long file name. */
  public int length() {
    return FIXED_PART + nameField(encodeName(fileName, nameEncoding).length, nameEncoding);
  }

  public byte[] toBytes() {
    byte[] name = encodeName(fileName, nameEncoding);
    int length = FIXED_PART + nameField(name.length, nameEncoding);
    ByteBuffer out = ByteBuffer.allocate(length);
    out.put(MAGIC);
    out.putShort((short) length);
    out.putShort((short) type.code());
    out.putLong(cookie);
    out.putShort((short) encryption).putShort((short) compression);
    out.putShort((short) totalFiles).putShort((short) filesLeft);
    out.putShort((short) totalParts).putShort((short) partsLeft);
    for (long v : new long[] {totalSize, size, modificationTime, checksum, resourceForkReceivedChecksum,
        resourceForkSize, creationTime, resourceForkChecksum, bytesReceived, receivedChecksum}) {
      out.putInt((int) v);
    }
    byte[] id = idString.getBytes(StandardCharsets.US_ASCII);
    out.put(id).position(out.position() + ID_LENGTH - id.length);
    out.put((byte) flags).put((byte) listNameOffset).put((byte) listSizeOffset);
    out.position(out.position() + DUMMY_LENGTH + MAC_INFO_LENGTH);
    out.putShort((short) nameEncoding).putShort((short) nameLanguage);
    out.put(name);
    return out.array();
  }

  /**
   * Reads one header from a stream.
   *
   * @throws OftException for a wrong magic, a header length out of 256-{@value #MAX_LENGTH}, or an unknown type
   * @throws java.io.EOFException when the stream ends first
   */
  public static OftHeader read(InputStream stream) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    byte[] start = new byte[6];
    in.readFully(start);
    ByteBuffer head = ByteBuffer.wrap(start);
    byte[] magic = new byte[4];
    head.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new OftException("not an OFT2 header (magic " + java.util.HexFormat.of().formatHex(magic) + ")");
    }
    int length = head.getShort() & 0xFFFF;
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      throw new OftException("OFT2 header length " + length + " out of range");
    }
    byte[] whole = new byte[length];
    System.arraycopy(start, 0, whole, 0, 6);
    in.readFully(whole, 6, length - 6);
    return decode(whole);
  }

  /** Decodes one complete header (magic included). */
  public static OftHeader decode(byte[] bytes) {
    if (bytes.length < MIN_LENGTH) {
      throw new OftException("OFT2 header of " + bytes.length + " bytes");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    byte[] magic = new byte[4];
    in.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new OftException("not an OFT2 header");
    }
    int length = in.getShort() & 0xFFFF;
    if (length != bytes.length) {
      throw new OftException("OFT2 header says " + length + " bytes, has " + bytes.length);
    }
    OftType type = OftType.of(in.getShort() & 0xFFFF);
    long cookie = in.getLong();
    int encryption = u16(in);
    int compression = u16(in);
    int totalFiles = u16(in);
    int filesLeft = u16(in);
    int totalParts = u16(in);
    int partsLeft = u16(in);
    long[] words = new long[10];
    for (int i = 0; i < words.length; i++) {
      words[i] = in.getInt() & 0xFFFFFFFFL;
    }
    byte[] id = new byte[ID_LENGTH];
    in.get(id);
    int flags = in.get() & 0xFF;
    int listNameOffset = in.get() & 0xFF;
    int listSizeOffset = in.get() & 0xFF;
    in.position(in.position() + DUMMY_LENGTH + MAC_INFO_LENGTH);
    int nameEncoding = u16(in);
    int nameLanguage = u16(in);
    byte[] name = new byte[in.remaining()];
    in.get(name);
    if (nameEncoding != ENCODING_UTF16BE && nameEncoding != ENCODING_LATIN1) {
      nameEncoding = ENCODING_ASCII; // unknown encodings are read as ASCII, as libpurple does
    }
    return new OftHeader(type, cookie, encryption, compression, totalFiles, filesLeft, totalParts, partsLeft,
        words[0], words[1], words[2], words[3], words[4], words[5], words[6], words[7], words[8], words[9],
        cString(id, StandardCharsets.US_ASCII, 1), flags, listNameOffset, listSizeOffset, nameEncoding,
        nameLanguage, cString(name, charset(nameEncoding), nameEncoding == ENCODING_UTF16BE ? 2 : 1));
  }

  private static String cString(byte[] bytes, Charset charset, int unit) {
    int end = 0;
    while (end + unit <= bytes.length && !(bytes[end] == 0 && (unit == 1 || bytes[end + 1] == 0))) {
      end += unit;
    }
    return new String(bytes, 0, end, charset);
  }

  private static Charset charset(int encoding) {
    return switch (encoding) {
      case ENCODING_UTF16BE -> StandardCharsets.UTF_16BE;
      case ENCODING_LATIN1 -> StandardCharsets.ISO_8859_1;
      default -> StandardCharsets.US_ASCII;
    };
  }

  private static byte[] encodeName(String name, int encoding) {
    return name.getBytes(charset(encoding));
  }

  /** The name bytes, NUL-terminated, padded to 64 bytes at least. */
  private static int nameField(int nameBytes, int encoding) {
    return Math.max(MIN_NAME_FIELD, nameBytes + (encoding == ENCODING_UTF16BE ? 2 : 1));
  }

  private static int u16(ByteBuffer in) {
    return in.getShort() & 0xFFFF;
  }

  private static void u16(int value, String name) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException(name + " is not a u16: " + value);
    }
  }

  private static void u32(long value, String name) {
    if (value < 0 || value > 0xFFFFFFFFL) {
      throw new IllegalArgumentException(name + " is not a u32: " + value);
    }
  }
}
