package net.icqtransport.core.legacy;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * Identifies one avatar image on the legacy network: for ICQ the MD5 hash from the BART id (SNAC family
 * 0x10, user-info TLV 0x1D), as lower-case hex.
 */
public record AvatarId(String hex) {

  public AvatarId {
    Objects.requireNonNull(hex, "hex");
    hex = hex.toLowerCase(Locale.ROOT);
    if (hex.isEmpty() || hex.length() % 2 != 0 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException("not a hex avatar id: " + hex);
    }
  }

  public static AvatarId of(byte[] hash) {
    return new AvatarId(HexFormat.of().formatHex(hash));
  }

  public byte[] bytes() {
    return HexFormat.of().parseHex(hex);
  }
}
