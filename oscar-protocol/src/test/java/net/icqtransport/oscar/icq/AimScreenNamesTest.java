package net.icqtransport.oscar.icq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Screen names compare without case or spaces (OSCAR-ICQ.md "Things that bite"). */
class AimScreenNamesTest {

  @Test
  void normalizesAsOscarCompares() {
    assertEquals("joeuser", AimScreenNames.normalize("Joe User"));
    assertEquals("joeuser", AimScreenNames.normalize("joeuser"));
    assertEquals("joeuser", AimScreenNames.normalize("JoE  UsEr"));
    assertEquals("100002", AimScreenNames.normalize("100002"));
  }

  @Test
  void normalizesTheSameInATurkishLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(new Locale("tr", "TR"));
      // "I".toLowerCase() would be a dotless ı there.
      assertEquals("itsme", AimScreenNames.normalize("ITS ME"));
    } finally {
      Locale.setDefault(before);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Joe User", "joeuser", "abc", "Mary Ann", "A23456789012345P", "a b c", "Smarter Child 2"})
  void valid(String name) {
    assertTrue(AimScreenNames.isValid(name), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ab", "a b", "1abc", "100002", " joe", "joe ", "joe.user", "joe@aol.com", "jöe user",
      "joe_user", "abcdefghijklmnopq", "joe\tuser", "joe\\20user", "Ｊｏｅ"})
  void invalid(String name) {
    assertFalse(AimScreenNames.isValid(name), name);
  }

  @Test
  void sixteenLettersWithSpacesAreStillSixteen() {
    assertTrue(AimScreenNames.isValid("abcd efgh ijkl mnop"));
    assertFalse(AimScreenNames.isValid("abcd efgh ijkl mnopq"));
  }
}
