package net.icqtransport.oscar.server;

import io.netty.buffer.ByteBuf;
import net.icqtransport.oscar.snac.Snac;

/**
 * Family 0x13 edits and authorization (references {@code snac_13_08}, {@code _09}, {@code _0a}, {@code _0e},
 * {@code _11}, {@code _12}, {@code _14}, {@code _18}, {@code _1a}, {@code icq_ssi_auth}). The list itself
 * (13/04, 13/05) stays with {@link BosServerHandler}.
 */
final class SsiFamily {
  /** 13/11 data that opens an import transaction (reference {@code snac_13_11}). */
  private static final long IMPORT_TRANSACTION = 0x00010000L;

  private final SimulatorState state;

  SsiFamily(SimulatorState state) {
    this.state = state;
  }

  /** True if the SNAC was one of this class's; false leaves it to the caller. */
  boolean onSnac(BosSession session, Snac snac) {
    ByteBuf in = snac.dataBuffer();
    switch (snac.subtype()) {
      case 0x08 -> state.editList(session, snac.requestId(), SimulatorState.ListEdit.ADD, SsiItem.readAll(in));
      case 0x09 -> state.editList(session, snac.requestId(), SimulatorState.ListEdit.UPDATE, SsiItem.readAll(in));
      case 0x0A -> state.editList(session, snac.requestId(), SimulatorState.ListEdit.DELETE, SsiItem.readAll(in));
      case 0x11 -> session.importTransaction(in.readableBytes() >= 4 && in.readUnsignedInt() == IMPORT_TRANSACTION);
      case 0x12 -> session.importTransaction(false);
      case 0x14 -> {
        String grantee = WireReader.readScreenName(in);
        state.grantFutureAuthorization(session, grantee, readReason(in));
      }
      case 0x16 -> WireReader.readScreenName(in);
      case 0x18 -> {
        String target = WireReader.readScreenName(in);
        state.requestAuthorization(session, snac.requestId(), target, readReason(in));
      }
      case 0x1A -> {
        String requester = WireReader.readScreenName(in);
        boolean granted = WireReader.readBytes(in, 1, "13/1A flag")[0] == 1;
        state.replyAuthorization(session, requester, granted, readReason(in));
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** A u16-length reason (the trailing unknown word of 13/14 and 13/18 is ignored). */
  private static byte[] readReason(ByteBuf in) {
    if (!in.isReadable()) {
      return new byte[0];
    }
    int length = WireReader.readU16(in, "reason length");
    return WireReader.readBytes(in, length, "reason");
  }
}
