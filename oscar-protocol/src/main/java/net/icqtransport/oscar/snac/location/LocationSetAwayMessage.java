package net.icqtransport.oscar.snac.location;

import java.nio.charset.StandardCharsets;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.tlv.Tlv;

/**
 * SNAC(02,04) with the away message the AIM way (iserverd snac_02_04, snac_02_06): TLV 0x03 its MIME type,
 * TLV 0x04 the text; an empty TLV 0x04 clears it. AIM-style clients read it with 02/05 or 02/15 → 02/06; ICQ
 * clients ask the owner's client instead (auto-message requests on channel 2).
 */
public record LocationSetAwayMessage(String text) {
  public static final String MIME_TYPE = "text/x-aolrtf; charset=\"utf-8\"";

  public LocationSetAwayMessage {
    text = text == null ? "" : text;
  }

  public Snac toSnac(long requestId) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] value = bytes.length > 0xFFFF ? java.util.Arrays.copyOf(bytes, 0xFFFF) : bytes;
    return Snac.build(SnacType.LOCATION_SET_INFO, requestId, out -> {
      Tlv.ofBytes(0x03, MIME_TYPE.getBytes(StandardCharsets.US_ASCII)).writeTo(out);
      Tlv.ofBytes(0x04, value).writeTo(out);
    });
  }

  /** Length only: the text is private. */
  @Override
  public String toString() {
    return "LocationSetAwayMessage[" + text.length() + " chars]";
  }
}
