package net.icqtransport.oscar.icq;

import java.util.Locale;

/**
 * AIM screen names as OSCAR compares them: case- and space-insensitively ({@code "Joe User"} is
 * {@code "joeuser"}, OSCAR-ICQ.md "Things that bite"). The normalized form (lower case, no spaces) is the
 * canonical contact id; the owner's formatting ("Joe User") is only for display.
 *
 * <p>A valid screen name, as AIM registration allowed them: starts with a letter, then ASCII letters, digits
 * and spaces, 3 to 16 characters once the spaces are taken out. Numeric names are ICQ UINs
 * ({@link IcqNetwork#parseContactId}).
 */
public final class AimScreenNames {
  static final int MIN_LENGTH = 3;
  static final int MAX_LENGTH = 16;

  private AimScreenNames() {}

  /** {@code "Joe User"} → {@code "joeuser"}: spaces out, lower case (ASCII rules, whatever the JVM's locale). */
  public static String normalize(String screenName) {
    return screenName.replace(" ", "").toLowerCase(Locale.ROOT);
  }

  /**
   * Whether {@code text} is a screen name a user could have registered: no leading or trailing space, a letter
   * first, only ASCII letters, digits and spaces, 3 to 16 characters without the spaces.
   */
  public static boolean isValid(String text) {
    if (text == null || text.isEmpty() || text.startsWith(" ") || text.endsWith(" ")) {
      return false;
    }
    if (!isAsciiLetter(text.charAt(0))) {
      return false;
    }
    int letters = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ') {
        continue;
      }
      if (!isAsciiLetter(c) && !(c >= '0' && c <= '9')) {
        return false;
      }
      letters++;
    }
    return letters >= MIN_LENGTH && letters <= MAX_LENGTH;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
