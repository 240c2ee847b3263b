package net.icqtransport.xmpp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-1 in lower-case hex, as XMPP writes it: an avatar's id (XEP-0153, XEP-0084) and the component handshake
 * (XEP-0114 §3).
 */
public final class Sha1Hex {
  private Sha1Hex() {}

  /** The lower-case hex SHA-1 of {@code bytes}. */
  public static String of(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }
}
