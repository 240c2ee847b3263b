package net.icqtransport.oscar.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The two ways an OSCAR client proves its password: MD5 over key, password and a fixed string (SNAC 17/02,
 * reference {@code snac_17_02}), or a password "roasted" with a fixed XOR table (channel-1 login, reference
 * {@code cli_ident}). Nothing here logs or keeps what it is given.
 */
final class PasswordHashes {
  /** Appended to key and password before hashing (reference {@code snac_17_02}). */
  static final String AIM_MD5_STRING = "AOL Instant Messenger (SM)";

  private static final byte[] ROAST_TABLE = {
    (byte) 0xF3, 0x26, (byte) 0x81, (byte) 0xC4, 0x39, (byte) 0x86, (byte) 0xDB, (byte) 0x92,
    0x71, (byte) 0xA3, (byte) 0xB9, (byte) 0xE6, 0x53, 0x7A, (byte) 0x95, 0x7C
  };

  private PasswordHashes() {}

  /**
   * The TLV 0x25 value a client computes. With {@code passwordPreHashed} (TLV 0x4C present in 17/02) the
   * client hashes MD5(password) in place of the password.
   */
  static byte[] md5LoginHash(byte[] key, String password, boolean passwordPreHashed) {
    MessageDigest md5 = md5();
    md5.update(key);
    byte[] passwordBytes = password.getBytes(StandardCharsets.ISO_8859_1);
    md5.update(passwordPreHashed ? md5().digest(passwordBytes) : passwordBytes);
    md5.update(AIM_MD5_STRING.getBytes(StandardCharsets.US_ASCII));
    return md5.digest();
  }

  /** Roasting is its own inverse: XOR with the table, index modulo 16. */
  static byte[] roast(byte[] data) {
    byte[] out = new byte[data.length];
    for (int i = 0; i < data.length; i++) {
      out[i] = (byte) (data[i] ^ ROAST_TABLE[i % ROAST_TABLE.length]);
    }
    return out;
  }

  static byte[] roast(String password) {
    return roast(password.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Compares in constant time. */
  static boolean matches(byte[] expected, byte[] actual) {
    return MessageDigest.isEqual(expected, actual);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required of every Java runtime", e);
    }
  }
}
