package net.icqtransport.oscar.snac.icq;

import java.util.Map;
import java.util.Optional;

/**
 * ICQ country codes (telephone-style, as in the white pages and SNAC(15,03)/07DA/00C8) to English names for the
 * common ones; other codes stay numeric.
 */
public final class IcqCountries {
  private static final Map<Integer, String> NAMES = Map.ofEntries(
      Map.entry(1, "USA"), Map.entry(7, "Russia"), Map.entry(20, "Egypt"), Map.entry(27, "South Africa"),
      Map.entry(30, "Greece"), Map.entry(31, "Netherlands"), Map.entry(32, "Belgium"), Map.entry(33, "France"),
      Map.entry(34, "Spain"), Map.entry(36, "Hungary"), Map.entry(39, "Italy"), Map.entry(40, "Romania"),
      Map.entry(41, "Switzerland"), Map.entry(43, "Austria"), Map.entry(44, "United Kingdom"),
      Map.entry(45, "Denmark"), Map.entry(46, "Sweden"), Map.entry(47, "Norway"), Map.entry(48, "Poland"),
      Map.entry(49, "Germany"), Map.entry(52, "Mexico"), Map.entry(54, "Argentina"), Map.entry(55, "Brazil"),
      Map.entry(61, "Australia"), Map.entry(64, "New Zealand"), Map.entry(81, "Japan"), Map.entry(82, "Korea"),
      Map.entry(86, "China"), Map.entry(90, "Turkey"), Map.entry(91, "India"), Map.entry(107, "Canada"),
      Map.entry(351, "Portugal"), Map.entry(353, "Ireland"), Map.entry(358, "Finland"), Map.entry(359, "Bulgaria"),
      Map.entry(370, "Lithuania"), Map.entry(371, "Latvia"), Map.entry(372, "Estonia"), Map.entry(373, "Moldova"),
      Map.entry(374, "Armenia"), Map.entry(375, "Belarus"), Map.entry(380, "Ukraine"), Map.entry(381, "Serbia"),
      Map.entry(385, "Croatia"), Map.entry(420, "Czech Republic"), Map.entry(421, "Slovakia"),
      Map.entry(972, "Israel"), Map.entry(994, "Azerbaijan"), Map.entry(995, "Georgia"),
      Map.entry(7705, "Kazakhstan"));

  private IcqCountries() {}

  /** The name, the code as text when unknown, empty for 0 and 0xFFFF (not given). */
  public static Optional<String> name(int code) {
    if (code == 0 || code == 0xFFFF) {
      return Optional.empty();
    }
    return Optional.of(NAMES.getOrDefault(code, String.valueOf(code)));
  }
}
