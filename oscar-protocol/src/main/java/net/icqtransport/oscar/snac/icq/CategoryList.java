package net.icqtransport.oscar.snac.icq;

import java.util.ArrayList;
import java.util.List;

/**
 * A u8-counted list of (category code u16, keywords) pairs, as SNAC(15,03)/07DA/00F0 interests and the two lists of
 * 07DA/00FA past and affiliations carry them (iserverd {@code snac_15_03_07da_00f0.txt}, {@code ..._00fa.txt}).
 * Pairs with category 0 are unset and left out.
 */
public record CategoryList(List<Entry> entries) {

  /** One category and its comma-separated keywords. */
  public record Entry(int category, String keywords) {}

  public CategoryList {
    entries = List.copyOf(entries);
  }

  static CategoryList read(MetaReader in, String what) {
    int count = in.u8(what + " count");
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int category = in.u16(what + " category");
      String keywords = in.string(what + " keywords");
      if (category != 0) {
        entries.add(new Entry(category, keywords));
      }
    }
    return new CategoryList(entries);
  }

  /** 07DA/00F0: the interests. */
  public static CategoryList parseInterests(byte[] data, java.nio.charset.Charset codepage) {
    return read(new MetaReader(data, codepage, "interests (07DA/00F0)"), "interest");
  }

  /** 07DA/00FA: two lists, the first and the second as the server sends them (past, then affiliations). */
  public static List<CategoryList> parseAffiliations(byte[] data, java.nio.charset.Charset codepage) {
    MetaReader in = new MetaReader(data, codepage, "affiliations (07DA/00FA)");
    CategoryList first = read(in, "past");
    CategoryList second = read(in, "affiliation");
    return List.of(first, second);
  }
}
