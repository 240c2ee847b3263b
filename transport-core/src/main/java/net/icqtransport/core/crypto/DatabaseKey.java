package net.icqtransport.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit AES key that encrypts passwords at rest, kept outside the database (a key file or an environment
 * variable, base64). Its {@link #id()} is the first 8 hex digits of the SHA-256 of the key: stored beside
 * every ciphertext, it names the key a value needs without revealing it, so keys can rotate.
 * {@link #toString()} shows only the id.
 */
public final class DatabaseKey {
  /** Key length in bytes: AES-256. */
  public static final int LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;
  private final String id;

  private DatabaseKey(byte[] key) {
    if (key.length != LENGTH) {
      throw new IllegalArgumentException("a database key is " + LENGTH + " bytes (256 bits), not " + key.length);
    }
    this.key = key.clone();
    this.id = HexFormat.of().formatHex(sha256(key), 0, 4);
  }

  /** A fresh random key. */
  public static DatabaseKey generate() {
    byte[] bytes = new byte[LENGTH];
    RANDOM.nextBytes(bytes);
    return new DatabaseKey(bytes);
  }

  /**
   * The key written as base64 (surrounding white space ignored).
   *
   * @throws IllegalArgumentException when it is not base64 of exactly 32 bytes (the message never quotes it)
   */
  public static DatabaseKey fromBase64(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text.strip().getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a database key must be base64 (e.g. from `openssl rand -base64 32`)");
    }
    try {
      return new DatabaseKey(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** The key as base64, for writing a key file. */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(key);
  }

  /** The key's id: 8 lowercase hex digits. */
  public String id() {
    return id;
  }

  SecretKey secretKey() {
    return new SecretKeySpec(key, "AES");
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "DatabaseKey[id=" + id + "]";
  }
}
