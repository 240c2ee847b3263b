package net.icqtransport.xmpp.avatar;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A contact's avatar image as XMPP shows it: the bytes for a vCard {@code <PHOTO><BINVAL/>} (XEP-0054), its
 * MIME type for {@code <TYPE/>}, and the SHA-1 of the bytes as lower-case hex, which XEP-0153 §4.1 puts into
 * presence as the photo hash.
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

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Avatar that
        && Arrays.equals(bytes, that.bytes) && mimeType.equals(that.mimeType) && sha1Hex.equals(that.sha1Hex);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(bytes), mimeType, sha1Hex);
  }

  @Override
  public String toString() {
    return "Avatar[" + bytes.length + " bytes, " + mimeType + ", sha1=" + sha1Hex + "]";
  }

  /** An avatar whose hash is computed from the bytes. */
  public static Avatar of(byte[] bytes, String mimeType) {
    try {
      byte[] sha1 = java.security.MessageDigest.getInstance("SHA-1").digest(bytes);
      return new Avatar(bytes, mimeType, HexFormat.of().formatHex(sha1));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }
}
