package net.icqtransport.oscar.snac.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The two ways OSCAR hides a password on the wire (iserverd SNAC(17,02) and cli_ident). Passwords are encoded
 * as UTF-8, which is what today's revival servers store (identical to ASCII for ASCII passwords).
 */
public final class PasswordHashes {
  /** Appended to the MD5 input by every AIM/ICQ client. */
  public static final String AIM_MD5_STRING = "AOL Instant Messenger (SM)";

  private static final byte[] ROAST = {
      (byte) 0xF3, 0x26, (byte) 0x81, (byte) 0xC4, 0x39, (byte) 0x86, (byte) 0xDB, (byte) 0x92,
      0x71, (byte) 0xA3, (byte) 0xB9, (byte) 0xE6, 0x53, 0x7A, (byte) 0x95, 0x7C};

  private PasswordHashes() {}

  /** MD5(key + password + {@link #AIM_MD5_STRING}): TLV 0x25 when TLV 0x4C is not sent. */
  public static byte[] md5(byte[] key, String password) {
    return md5(key, password.getBytes(StandardCharsets.UTF_8));
  }

  /** MD5(key + MD5(password) + {@link #AIM_MD5_STRING}): TLV 0x25 when TLV 0x4C is sent. */
  public static byte[] md5Prehashed(byte[] key, String password) {
    return md5(key, digest().digest(password.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] md5(byte[] key, byte[] secret) {
    MessageDigest md5 = digest();
    md5.update(key);
    md5.update(secret);
    md5.update(AIM_MD5_STRING.getBytes(StandardCharsets.US_ASCII));
    return md5.digest();
  }

  /** The password XORed with the roasting table (TLV 0x02 of the channel-1 login). */
  public static byte[] roast(String password) {
    byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] ^= ROAST[i % ROAST.length];
    }
    return bytes;
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has MD5", e);
    }
  }
}
