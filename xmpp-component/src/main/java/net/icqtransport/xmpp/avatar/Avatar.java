package net.icqtransport.xmpp.avatar;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import net.icqtransport.xmpp.Sha1Hex;

/**
 * A contact's avatar image as XMPP shows it: the bytes for a vCard {@code <PHOTO><BINVAL/>} (XEP-0054), its
 * MIME type for {@code <TYPE/>} (from the image's magic bytes: ICQ does not say), and the SHA-1 of the bytes
 * as lower-case hex, which XEP-0153 §4.1 puts into presence as the photo hash.
 */
public record Avatar(byte[] bytes, String mimeType, String sha1Hex) {

  public Avatar {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(sha1Hex, "sha1Hex");
    if (bytes.length == 0) {
      throw new IllegalArgumentException("empty avatar image");
    }
    sha1Hex = sha1Hex.toLowerCase(Locale.ROOT);
    if (sha1Hex.length() != 40 || !sha1Hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException("not a SHA-1 in hex: " + sha1Hex);
    }
    bytes = bytes.clone();
  }

  /** The avatar for an image: type detected from its signature and hash computed. */
  public static Avatar of(byte[] image) {
    return of(image, mimeTypeOf(image));
  }

  /** An avatar of a known type whose hash is computed from the bytes. */
  public static Avatar of(byte[] image, String mimeType) {
    return new Avatar(image, mimeType, Sha1Hex.of(image));
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

  @Override
  public boolean equals(Object other) {
    return other instanceof Avatar that
        && Arrays.equals(bytes, that.bytes) && mimeType.equals(that.mimeType) && sha1Hex.equals(that.sha1Hex);
  }

  @Override
  public int hashCode() {
    return sha1Hex.hashCode();
  }

  @Override
  public String toString() {
    return "Avatar[" + bytes.length + " bytes, " + mimeType + ", sha1=" + sha1Hex + "]";
  }
}
