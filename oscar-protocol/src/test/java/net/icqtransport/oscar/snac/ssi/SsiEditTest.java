package net.icqtransport.oscar.snac.ssi;

import static net.icqtransport.oscar.GoldenFrames.assertEncodes;
import static net.icqtransport.oscar.GoldenFrames.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.icqtransport.oscar.MessagingDumps;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.Test;

/** SSI edits (13/08, 13/09, 13/0A), their result (13/0E) and transaction brackets (13/11, 13/12) against the dumps. */
class SsiEditTest {

  private static SsiItem group(String name, int groupId, int... members) {
    List<Integer> ids = Arrays.stream(members).boxed().toList();
    return new SsiItem(name, groupId, 0, SsiItem.TYPE_GROUP, TlvChain.empty()).withMemberIds(ids);
  }

  @Test
  void addOfThreeGroupsMatchesTheDump() {
    SsiEdit edit = new SsiEdit(SsiEdit.Kind.ADD, List.of(
        group("Family", 0x0A1E, 0x4318),
        group("testgroup", 0x17B7, 0x2A18),
        group("General", 0x238C, 0x269A, 0x0880, 0x12A1, 0x0583)));
    assertEncodes(MessagingDumps.SSI_ADD, edit.toSnac(0x00030008));
    SsiEdit parsed = SsiEdit.decode(decode(MessagingDumps.SSI_ADD));
    assertEquals(edit, parsed);
    assertEquals(List.of(0x269A, 0x0880, 0x12A1, 0x0583), parsed.items().get(2).memberIds());
  }

  @Test
  void updateAndDeleteMatchTheDumps() {
    SsiEdit update = SsiEdit.of(SsiEdit.Kind.UPDATE, group("Buddies", 0x72CD, 0x0F63, 0x782A, 0x636F, 0x5A9B));
    assertEncodes(MessagingDumps.SSI_UPDATE, update.toSnac(0x00070009));
    assertEquals(update, SsiEdit.decode(decode(MessagingDumps.SSI_UPDATE)));

    SsiEdit delete = SsiEdit.of(SsiEdit.Kind.DELETE,
        new SsiItem("138789490", 0x5671, 0x4882, SsiItem.TYPE_BUDDY, TlvChain.empty()));
    assertEncodes(MessagingDumps.SSI_DELETE, delete.toSnac(0x00000083));
    assertEquals(delete, SsiEdit.decode(decode(MessagingDumps.SSI_DELETE)));
  }

  @Test
  void transactionBracketsMatchTheDumps() {
    assertEncodes(MessagingDumps.SSI_EDIT_BEGIN, SsiTransaction.begin(0x11));
    assertEncodes(MessagingDumps.SSI_EDIT_END, SsiTransaction.end(0x11));
  }

  @Test
  void editResultsAreReadInOrder() {
    // The dump sets flag 0x8000; its two data bytes are the (empty) prefix block, so no code remains.
    SsiEditResult dumped = SsiEditResult.decode(decode(MessagingDumps.SSI_EDIT_RESULT));
    assertEquals(0x00040008L, dumped.requestId());
    assertEquals(List.of(), dumped.codes());
    assertEquals(SsiEditResult.OK, dumped.first());

    SsiEditResult two = SsiEditResult.decode(new Snac(0x13, 0x0E, 0, 7, new byte[] {0, 0x0E, 0, 0}));
    assertEquals(List.of(SsiEditResult.AUTHORIZATION_REQUIRED, SsiEditResult.OK), two.codes());
    assertEquals(SsiEditResult.AUTHORIZATION_REQUIRED, two.first());
    assertEquals(two, SsiEditResult.decode(two.toSnac()));
    assertTrue(SsiEditResult.describe(0x0C).contains("limit"));
  }

  @Test
  void truncatedInputIsAProtocolError() {
    byte[] data = new Snac(0x13, 0x08, 0, 1, new byte[0]).data();
    assertThrows(OscarProtocolException.class, () -> SsiEdit.decode(new Snac(0x13, 0x08, 0, 1, data)));
    Snac full = decode(MessagingDumps.SSI_ADD);
    byte[] bytes = full.data();
    for (int cut = 1; cut < bytes.length; cut++) {
      byte[] part = Arrays.copyOf(bytes, cut);
      Snac truncated = new Snac(0x13, 0x08, 0, 1, part);
      boolean endsOnItem = cut == 22 || cut == 47;
      if (!endsOnItem) {
        assertThrows(OscarProtocolException.class, () -> SsiEdit.decode(truncated), "cut at " + cut);
      }
    }
    assertThrows(OscarProtocolException.class,
        () -> SsiEditResult.decode(new Snac(0x13, 0x0E, 0, 1, new byte[] {0, 0, 0})));
  }

  @Test
  void itemHelpersKeepOtherTlvs() {
    SsiItem buddy = new SsiItem("100002", 1, 2, SsiItem.TYPE_BUDDY,
        TlvChain.of(Tlv.empty(SsiItem.TLV_AWAITING_AUTH), Tlv.ofAscii(SsiItem.TLV_NICKNAME, "Bob")));
    assertTrue(buddy.awaitingAuthorization());
    SsiItem cleared = buddy.withoutTlv(SsiItem.TLV_AWAITING_AUTH);
    assertFalse(cleared.awaitingAuthorization());
    assertEquals("Bob", cleared.nickname().orElseThrow());
    assertEquals(List.of(), group("Empty", 3).memberIds());
  }
}
