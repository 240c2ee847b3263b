package net.icqtransport.oscar.server;

import java.util.Locale;

/** Screen names compare without case or spaces ("Foo Bar" = "foobar"); UINs are plain digits. */
final class ScreenNames {
  private ScreenNames() {}

  static String normalize(String screenName) {
    return screenName.replace(" ", "").toLowerCase(Locale.ROOT);
  }

  /** Whether the name fits a u8-length ASCII field. */
  static boolean isValid(String screenName) {
    String normalized = normalize(screenName);
    return !normalized.isEmpty() && screenName.length() <= 0xFF && screenName.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
  }
}
