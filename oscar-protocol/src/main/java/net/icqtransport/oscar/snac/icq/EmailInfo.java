package net.icqtransport.oscar.snac.icq;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * SNAC(15,03)/07DA/00EB, extra e-mail addresses (iserverd {@code snac_15_03_07da_00eb.txt}): a u8 count, then per
 * address a "publish" flag u8 (0 publish) and the address. Addresses marked not to publish are left out.
 */
public record EmailInfo(List<String> addresses) {
  public EmailInfo {
    addresses = List.copyOf(addresses);
  }

  public static EmailInfo parse(byte[] data, Charset codepage) {
    MetaReader in = new MetaReader(data, codepage, "e-mail info (07DA/00EB)");
    int count = in.u8("e-mail count");
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      boolean hidden = in.u8("e-mail publish flag") != 0;
      String address = in.string("e-mail");
      if (!hidden && !address.isBlank()) {
        addresses.add(address);
      }
    }
    return new EmailInfo(addresses);
  }
}
