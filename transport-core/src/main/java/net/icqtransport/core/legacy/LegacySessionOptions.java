package net.icqtransport.core.legacy;

import java.nio.charset.Charset;
import java.util.Optional;

/**
 * Per-user settings of a legacy session.
 *
 * @param legacyCodepage the 8-bit codepage the user's contacts write in when a message carries no charset
 *     (ICQ clients sent such text in the sender's Windows codepage), or {@code null} for the network's default
 */
public record LegacySessionOptions(Charset legacyCodepage) {
  /** The network's defaults. */
  public static final LegacySessionOptions DEFAULTS = new LegacySessionOptions(null);

  public Optional<Charset> codepage() {
    return Optional.ofNullable(legacyCodepage);
  }
}
