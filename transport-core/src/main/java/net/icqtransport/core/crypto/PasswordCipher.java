package net.icqtransport.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts secrets at rest with AES-256-GCM (NIST SP 800-38D) from the JDK: a fresh random 96-bit nonce per
 * value and a 128-bit tag. A stored value reads {@code aesgcm1:<key id>:<base64(nonce ‖ ciphertext ‖ tag)>},
 * e.g. {@code aesgcm1:3f9a0c1e:q83v...}: the version prefix allows another scheme later, the key id (see
 * {@link DatabaseKey#id()}) tells which key a value needs, so a wrong key fails with a clear message and keys
 * can rotate. The caller's {@code context} (the row's owner) is authenticated as associated data, so a value
 * copied into another user's row does not decrypt.
 */
public final class PasswordCipher {
  /** The version prefix of values this cipher writes. */
  public static final String PREFIX = "aesgcm1:";
  private static final Pattern STORED = Pattern.compile("aesgcm1:([0-9a-f]{8}):([A-Za-z0-9+/]+={0,2})");
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DatabaseKey key;

  public PasswordCipher(DatabaseKey key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  /** The id of the key this cipher encrypts with. */
  public String keyId() {
    return key.id();
  }

  /** Whether {@code stored} is a value this scheme wrote (rather than a plaintext from before encryption). */
  public static boolean isEncrypted(String stored) {
    return STORED.matcher(stored).matches();
  }

  /** The id of the key {@code stored} was encrypted with; empty for a plaintext. */
  public static Optional<String> keyIdOf(String stored) {
    Matcher matcher = STORED.matcher(stored);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** Encrypts {@code plaintext} bound to {@code context}. */
  public String encrypt(String plaintext, String context) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] value = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
      return PREFIX + key.id() + ":" + Base64.getEncoder().encodeToString(value);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is not available", e);
    }
  }

  /**
   * Decrypts a value written by {@link #encrypt} with the same key and context.
   *
   * @throws PasswordCipherException when the value is not in this format, needs another key (the message names
   *     both key ids), or fails authentication (altered, or moved to another context)
   */
  public String decrypt(String stored, String context) {
    Matcher matcher = STORED.matcher(stored);
    if (!matcher.matches()) {
      throw new PasswordCipherException("not an encrypted value (expected " + PREFIX + "<key id>:<base64>)");
    }
    String neededKey = matcher.group(1);
    if (!neededKey.equals(key.id())) {
      throw new PasswordCipherException("the value of " + context + " is encrypted with key " + neededKey
          + ", but the configured database key is " + key.id() + ": configure the key it was written with");
    }
    byte[] value = Base64.getDecoder().decode(matcher.group(2));
    if (value.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new PasswordCipherException("the value of " + context + " is too short to be an AES-GCM ciphertext");
    }
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(value, NONCE_BYTES), context);
      byte[] plain = cipher.doFinal(value, NONCE_BYTES, value.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new PasswordCipherException("the value of " + context + " fails authentication with key " + key.id()
          + ": it was altered or belongs to another row", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is not available", e);
    }
  }

  private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  @Override
  public String toString() {
    return "PasswordCipher[key=" + key.id() + "]";
  }
}
