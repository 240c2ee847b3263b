package net.icqtransport.oscar.snac.location;

import java.util.HexFormat;

/** Capability GUIDs a client announces in SNAC(02,04) TLV 0x05 (iserverd "capabilities"). */
public enum Capability {
  /** {09461344-4C7F-11D1-8222-444553540000}: sent by ICQ clients ("ICQ" capability in libpurple). */
  ICQ("094613444C7F11D18222444553540000"),
  /** {0946134D-4C7F-11D1-8222-444553540000}: ICQ ⇄ AIM interoperation. */
  INTEROPERATE("0946134D4C7F11D18222444553540000"),
  /** {0946134E-4C7F-11D1-8222-444553540000}: the client understands UTF-8 / Unicode messages. */
  UTF8("0946134E4C7F11D18222444553540000");

  private final byte[] guid;

  Capability(String hex) {
    this.guid = HexFormat.of().parseHex(hex);
  }

  public byte[] guid() {
    return guid.clone();
  }
}
