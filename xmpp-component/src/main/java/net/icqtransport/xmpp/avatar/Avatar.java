package net.icqtransport.xmpp.avatar;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An avatar image as XMPP needs it: the bytes, the MIME type (from the image's magic bytes: ICQ does not say)
 * and the lower-case hex SHA-1 of the bytes, which XEP-0153 §4.1 puts into {@code <photo/>}.
 */
public record Avatar(byte[] bytes, String mimeType, String sha1) {

  public Avatar {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(sha1, "sha1");
    bytes = bytes.clone();
  }

  /** The avatar for an image: type detected and hash computed. */
  public static Avatar of(byte[] image) {
    return new Avatar(image, mimeTypeOf(image), sha1Hex(image));
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** PNG, JPEG, GIF, BMP or WebP by their signatures; {@code application/octet-stream} otherwise. */
  static String mimeTypeOf(byte[] b) {
    if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return "image/png";
    }
    if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
      return "image/jpeg";
    }
    if (startsWith(b, 0, 'G', 'I', 'F', '8')) {
      return "image/gif";
    }
    if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
      return "image/webp";
    }
    if (startsWith(b, 0, 'B', 'M')) {
      return "image/bmp";
    }
    return "application/octet-stream";
  }

  private static boolean startsWith(byte[] bytes, int offset, int... signature) {
    if (bytes.length < offset + signature.length) {
      return false;
    }
    for (int i = 0; i < signature.length; i++) {
      if ((bytes[offset + i] & 0xFF) != signature[i]) {
        return false;
      }
    }
    return true;
  }

  private static String sha1Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Avatar a && Arrays.equals(bytes, a.bytes) && mimeType.equals(a.mimeType);
  }

  @Override
  public int hashCode() {
    return sha1.hashCode();
  }

  @Override
  public String toString() {
    return "Avatar[" + mimeType + ", " + bytes.length + " bytes, sha1=" + sha1 + "]";
  }
}
