package net.icqtransport.oscar.server;

import java.util.List;
import net.icqtransport.oscar.snac.Snac;

/** Server-sent family 0x13 SNACs for list edits and authorization (references named per method). */
final class SsiSnacs {
  private SsiSnacs() {}

  /**
   * 13/0E (reference {@code snac_13_0e}): one u16 result per item of the edit, same request id. The dump's
   * flags are 0x8000 with no prefix block; read as a prefix its {@code 00 00} would swallow the result, so the
   * simulator sends flags 0.
   */
  static Snac editResults(long requestId, List<Integer> results) {
    return ServerSnacs.snac(0x13, 0x0E, requestId, out -> results.forEach(out::writeShort));
  }

  /** 13/11 (reference {@code icq_ssi_auth}): the server starts editing the client's copy. */
  static Snac editBegin(long requestId) {
    return ServerSnacs.snac(0x13, 0x11, requestId, out -> { });
  }

  /** 13/12 (reference {@code icq_ssi_auth}). */
  static Snac editEnd(long requestId) {
    return ServerSnacs.snac(0x13, 0x12, requestId, out -> { });
  }

  /** 13/09 (reference {@code snac_13_09}, {@code icq_ssi_auth}): items changed by the server. */
  static Snac update(long requestId, List<SsiItem> items) {
    return ServerSnacs.snac(0x13, 0x09, requestId, out -> items.forEach(item -> item.writeTo(out)));
  }

  /** 13/19 (reference {@code snac_13_19}): UIN, u16-length reason, u16 unknown (0). */
  static Snac authorizationRequest(long requestId, String from, byte[] reason) {
    return ServerSnacs.snac(0x13, 0x19, requestId, out -> {
      UserInfoBlock.writeScreenName(out, from);
      out.writeShort(reason.length);
      out.writeBytes(reason);
      out.writeShort(0);
    });
  }

  /** 13/1B (reference {@code snac_13_1b}): UIN, u8 flag (1 granted), u16-length reason. */
  static Snac authorizationReply(long requestId, String from, boolean granted, byte[] reason) {
    return ServerSnacs.snac(0x13, 0x1B, requestId, out -> {
      UserInfoBlock.writeScreenName(out, from);
      out.writeByte(granted ? 1 : 0);
      out.writeShort(reason.length);
      out.writeBytes(reason);
    });
  }

  /** 13/15 (reference {@code snac_13_15}): UIN, u16-length reason, u16 unknown (0). */
  static Snac futureAuthorizationGranted(long requestId, String from, byte[] reason) {
    return ServerSnacs.snac(0x13, 0x15, requestId, out -> {
      UserInfoBlock.writeScreenName(out, from);
      out.writeShort(reason.length);
      out.writeBytes(reason);
      out.writeShort(0);
    });
  }

  /** 13/1C (reference {@code snac_13_1c}): who added you. */
  static Snac youWereAdded(long requestId, String by) {
    return ServerSnacs.snac(0x13, 0x1C, requestId, out -> UserInfoBlock.writeScreenName(out, by));
  }
}
