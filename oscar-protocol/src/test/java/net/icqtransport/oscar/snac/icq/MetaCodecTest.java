package net.icqtransport.oscar.snac.icq;

import static net.icqtransport.oscar.HexDump.flapPayload;
import static net.icqtransport.oscar.HexDump.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import org.junit.jupiter.api.Test;

/** Family 0x15 requests and replies against the iserverd dumps, and truncated replies. */
class MetaCodecTest {
  private static final long OWNER = 0x005EE48FL;
  private static final Charset CP1251 = Charset.forName("windows-1251");

  private static MetaReply reply(String dump) {
    return MetaReply.decode(Snac.decode(flapPayload(dump)));
  }

  @Test
  void fullInfoRequestsMatchTheDumps() {
    assertEquals(toHex(flapPayload(MetaDumps.FULL_INFO_2)),
        toHex(MetaRequest.fullInfo(OWNER, 8, OWNER).toSnac(0x00070002).encode()));
    assertEquals(toHex(flapPayload(MetaDumps.FULL_INFO)),
        toHex(MetaRequest.fullInfoClassic(OWNER, 8, OWNER).toSnac(0x00070002).encode()));
    assertEquals(toHex(flapPayload(MetaDumps.SHORT_INFO)),
        toHex(MetaRequest.shortInfo(OWNER, 8, OWNER).toSnac(0x00070002).encode()));
  }

  @Test
  void searchByUinMatchesTheDump() {
    assertEquals(toHex(flapPayload(MetaDumps.SEARCH_BY_UIN)),
        toHex(MetaRequest.searchByUin(OWNER, 0x64, 0x005EE490L).toSnac(0x00630002).encode()));
  }

  @Test
  void whitePagesTlvsMatchTheirPartsOfTheDump() {
    // The dump fills every field; the transport sends names, e-mail and the online flag only.
    byte[] dump = flapPayload(MetaDumps.WHITE_PAGES);
    ByteBuf chunk = Unpooled.wrappedBuffer(dump, 10 + 4 + 2 + 10, dump.length - 26);
    ByteBuf expected = Unpooled.buffer();
    Set<Integer> wanted = Set.of(0x0140, 0x014A, 0x0154, 0x015E, 0x0230);
    while (chunk.isReadable()) {
      int type = chunk.readUnsignedShortLE();
      int length = chunk.readUnsignedShortLE();
      ByteBuf value = chunk.readSlice(length);
      if (wanted.contains(type)) {
        expected.writeShortLE(type).writeShortLE(length).writeBytes(value);
      }
    }
    MetaRequest request = MetaRequest.whitePages(OWNER, 0x11, "FirstName", "LastName", "NickName",
        "Email@email.org", true, CP1251);
    assertEquals(MetaRequest.WHITE_PAGES_TLV, request.subtype());
    assertEquals(toHex(ByteBufUtil.getBytes(expected)), toHex(request.data()));
    // The chunk header of the dump, with the length of this shorter chunk.
    byte[] encoded = request.toSnac(0x000E0002).encode();
    assertEquals("001500020000000e0002" + "0001" + String.format("%04x", request.data().length + 12),
        toHex(Arrays.copyOf(encoded, 14)));
    assertEquals("8fe45e00d0071100" + "5f05", toHex(Arrays.copyOfRange(encoded, 16, 26)));
  }

  @Test
  void whitePagesLeavesOutWhatIsNotSearchedFor() {
    MetaRequest request = MetaRequest.whitePages(OWNER, 1, null, " ", "Bob", null, false, CP1251);
    assertEquals("5401" + "0600" + "0400" + "426f6200", toHex(request.data()));
  }

  @Test
  void searchByEmailIsTlv015E() {
    MetaRequest request = MetaRequest.searchByEmail(OWNER, 2, "a@b.c", CP1251);
    assertEquals(MetaRequest.SEARCH_BY_EMAIL_TLV, request.subtype());
    assertEquals("5e01" + "0800" + "0600" + "6140622e6300", toHex(request.data()));
  }

  @Test
  void searchByDetailsIsThreeStrings() {
    MetaRequest request = MetaRequest.searchByDetails(OWNER, 3, "A", null, "Привет", CP1251);
    assertEquals("0200" + "4100" + "0100" + "00" + "0700" + "cff0e8e2e5f200", toHex(request.data()));
  }

  @Test
  void textOutsideTheCodepageGoesAsUtf8() {
    MetaRequest request = MetaRequest.whitePages(OWNER, 1, null, null, "日本", null, false, CP1251);
    assertEquals("5401" + "0900" + "0700" + "e697a5e69cac00", toHex(request.data()));
  }

  @Test
  void metaReplyHeader() {
    MetaReply basic = reply(MetaDumps.BASIC_INFO);
    assertEquals(OWNER, basic.ownerUin());
    assertEquals(MetaReply.TYPE_META, basic.type());
    assertEquals(0x22, basic.sequence());
    assertEquals(MetaReply.BASIC_INFO, basic.subtype());
    assertTrue(basic.isSuccess());
    assertTrue(basic.moreFollow());
    assertFalse(reply(MetaDumps.AFFILIATIONS).moreFollow(), "the last reply of a full-info request");
  }

  @Test
  void basicInfo() {
    BasicInfo info = BasicInfo.parse(reply(MetaDumps.BASIC_INFO).data(), CP1251);
    assertEquals(new BasicInfo("Regressor", "Alexandr", "Shutko", "AVshutko@mail.khstu.ru", "Khabarovsk", "St",
        "+7 (902) 111111", "+7 (4212) 222222", "HomeAddress", "+7 (902) 3333333 SMS", "99999", 7, -20, true,
        false), info);
  }

  @Test
  void workInfo() {
    WorkInfo info = WorkInfo.parse(reply(MetaDumps.WORK_INFO).data(), CP1251);
    assertEquals(new WorkInfo("wCity", "St", "+7 (4212) 4444444", "+7 (4212) 5555555", "Work street address",
        "22222", 7, "Company", "Department", "Position", 5, "http://work.org"), info);
  }

  @Test
  void moreInfo() {
    MoreInfo info = MoreInfo.parse(reply(MetaDumps.MORE_INFO).data(), CP1251);
    assertEquals(new MoreInfo(0x36, MoreInfo.MALE, "http://home.web.page", 1979, 3, 14, List.of(0x26, 0x0C, 0x0D)),
        info);
  }

  @Test
  void notesEmailsInterestsAffiliations() {
    MetaReader notes = new MetaReader(reply(MetaDumps.NOTES).data(), CP1251, "notes");
    assertEquals("user notes", notes.string("notes"));
    assertEquals(List.of("banzai@home.net", "banzai@home2.net"),
        EmailInfo.parse(reply(MetaDumps.EMAILS).data(), CP1251).addresses());
    CategoryList interests = CategoryList.parseInterests(reply(MetaDumps.INTERESTS).data(), CP1251);
    assertEquals(new CategoryList.Entry(0x64, "interest1_key"), interests.entries().get(0));
    assertEquals(4, interests.entries().size());
    List<CategoryList> affiliations = CategoryList.parseAffiliations(reply(MetaDumps.AFFILIATIONS).data(), CP1251);
    assertEquals(new CategoryList.Entry(0x012E, "aff1 keyword"), affiliations.get(0).entries().get(0));
    assertEquals(new CategoryList.Entry(0xC8, "past1keyword"), affiliations.get(1).entries().get(0));
  }

  @Test
  void shortInfo() {
    assertEquals(new ShortInfo("NickName", "FirstName", "LastName", "Email@email.ru", true, 2),
        ShortInfo.parse(reply(MetaDumps.SHORT_INFO_REPLY).data(), CP1251));
  }

  @Test
  void searchResults() {
    MetaReply found = reply(MetaDumps.USER_FOUND);
    assertEquals(MetaReply.USER_FOUND, found.subtype());
    assertEquals(new FoundUser(0x005EE490L, "Regressor2", "Alexandr", "Moskor", "sanya@kpsm.khstu.ru", true, 0, 0,
        0, OptionalLong.empty()), FoundUser.parse(found.data(), false, CP1251));
    MetaReply last = reply(MetaDumps.LAST_USER_FOUND);
    assertEquals(MetaReply.LAST_USER_FOUND, last.subtype());
    assertFalse(last.moreFollow());
    assertEquals(new FoundUser(OWNER, "Regressor", "Alexandr", "Shutko", "AVshutko@mail.khstu.ru", true, 2, 0, 0,
        OptionalLong.of(0)), FoundUser.parse(last.data(), true, CP1251));
  }

  @Test
  void metaErrorReply() {
    MetaReply error = reply(MetaDumps.META_ERROR);
    assertEquals(MetaReply.ERROR, error.subtype());
    assertEquals(0x46, error.status());
    assertTrue(MetaReader.decode(error.data(), CP1251).startsWith("Sorry, but IServerd SMS"));
  }

  @Test
  void stringsAreUtf8WhenValidElseTheCodepage() {
    assertEquals("Привет", MetaReader.decode("Привет\0".getBytes(StandardCharsets.UTF_8), CP1251));
    assertEquals("Привет", MetaReader.decode("Привет\0".getBytes(CP1251), CP1251));
    assertEquals("", MetaReader.decode(new byte[] {0}, CP1251));
  }

  @Test
  void everyTruncationOfEveryReplyIsAProtocolErrorOrAShorterRecord() {
    List<Function<byte[], Object>> parsers = List.of(
        d -> BasicInfo.parse(d, CP1251), d -> WorkInfo.parse(d, CP1251), d -> MoreInfo.parse(d, CP1251),
        d -> EmailInfo.parse(d, CP1251), d -> CategoryList.parseInterests(d, CP1251),
        d -> CategoryList.parseAffiliations(d, CP1251), d -> ShortInfo.parse(d, CP1251),
        d -> FoundUser.parse(d, false, CP1251), d -> FoundUser.parse(d, true, CP1251));
    String[] dumps = {MetaDumps.BASIC_INFO, MetaDumps.WORK_INFO, MetaDumps.MORE_INFO, MetaDumps.EMAILS,
        MetaDumps.INTERESTS, MetaDumps.AFFILIATIONS, MetaDumps.SHORT_INFO_REPLY, MetaDumps.USER_FOUND,
        MetaDumps.LAST_USER_FOUND};
    for (int p = 0; p < parsers.size(); p++) {
      byte[] data = reply(dumps[p]).data();
      int failures = 0;
      for (int cut = 0; cut < data.length; cut++) {
        byte[] truncated = Arrays.copyOf(data, cut);
        try {
          parsers.get(p).apply(truncated);
        } catch (OscarProtocolException e) {
          failures++;
          assertTrue(e.getMessage().startsWith("truncated"), e.getMessage());
        }
      }
      assertTrue(failures > data.length / 2, dumps[p].substring(0, 40) + ": " + failures);
    }
  }

  @Test
  void everyTruncationOfTheSnacIsAProtocolError() {
    byte[] payload = flapPayload(MetaDumps.BASIC_INFO);
    for (int cut = 10; cut < payload.length; cut++) {
      Snac snac = Snac.decode(Arrays.copyOf(payload, cut));
      assertThrows(OscarProtocolException.class, () -> MetaReply.decode(snac), "cut at " + snac);
    }
  }
}
