package net.icqtransport.xmpp.disco;

import java.util.Objects;

/**
 * A service discovery identity (XEP-0030 §3.1), e.g. {@code gateway/icq} named "ICQ Transport".
 *
 * @param lang the {@code xml:lang}, or null
 * @param name the human-readable name, or null
 */
public record Identity(String category, String type, String lang, String name) {

  public Identity {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(type, "type");
  }

  public static Identity of(String category, String type, String name) {
    return new Identity(category, type, null, name);
  }
}
