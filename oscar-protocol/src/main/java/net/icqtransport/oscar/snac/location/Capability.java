package net.icqtransport.oscar.snac.location;

import java.util.HexFormat;

/** Capability GUIDs a client announces in SNAC(02,04) TLV 0x05 (iserverd "capabilities"). */
public enum Capability {
  /** {09461349-4C7F-11D1-8222-444553540000}: channel-2 messages with the ICQ TLV 0x2711 block ("server relay"). */
  ICQ_SERVER_RELAY("094613494C7F11D18222444553540000"),
  /** {09461344-4C7F-11D1-8222-444553540000}: sent by ICQ clients ("ICQ" capability in libpurple). */
  ICQ("094613444C7F11D18222444553540000"),
  /** {0946134D-4C7F-11D1-8222-444553540000}: ICQ ⇄ AIM interoperation. */
  INTEROPERATE("0946134D4C7F11D18222444553540000"),
  /** {0946134E-4C7F-11D1-8222-444553540000}: the client understands UTF-8 / Unicode messages. */
  UTF8("0946134E4C7F11D18222444553540000"),
  /** {09461343-4C7F-11D1-8222-444553540000}: the client takes OFT file transfers (channel-2 "send file"). */
  SEND_FILE("094613434C7F11D18222444553540000");

  private final byte[] guid;

  Capability(String hex) {
    this.guid = HexFormat.of().parseHex(hex);
  }

  public byte[] guid() {
    return guid.clone();
  }

  public boolean matches(byte[] other) {
    return java.util.Arrays.equals(guid, other);
  }

  /** The GUID as clients write it in text, e.g. {@code {0946134E-4C7F-11D1-8222-444553540000}}. */
  public String guidString() {
    String hex = HexFormat.of().withUpperCase().formatHex(guid);
    return "{" + hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
        + hex.substring(16, 20) + "-" + hex.substring(20) + "}";
  }
}
