package net.icqtransport.oscar.snac.bart;

import static net.icqtransport.oscar.HexDump.flapPayload;
import static net.icqtransport.oscar.HexDump.hex;
import static net.icqtransport.oscar.HexDump.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.icqtransport.core.legacy.AvatarId;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacError;
import net.icqtransport.oscar.snac.buddy.UserInfo;
import net.icqtransport.oscar.snac.service.ServiceRedirect;
import net.icqtransport.oscar.snac.service.ServiceRequest;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.Test;

/** Service requests and family 0x10 against the iserverd dumps. */
class BartCodecTest {
  private static final String ICON_HASH = "ec7b6067cfd101990cbd33f900fc4b9b";
  /**
   * reference/oscar-iserverd/snac_10_07.txt up to the icon length; the dump's 5643-byte JPEG is elided there, so
   * tests append their own length and bytes.
   */
  private static final String DOWNLOAD_REPLY_HEAD = "2a021c8c164a001000070000" + "5d2e0006"
      + "09333434303539313739" + "00010110" + ICON_HASH + "00" + "00010110" + ICON_HASH;

  @Test
  void serviceRequestMatchesTheDump() {
    assertEquals(toHex(flapPayload(BartDumps.SERVICE_REQUEST)), toHex(new ServiceRequest(0x0D).toSnac(5).encode()));
  }

  @Test
  void serviceRedirectOfTheDump() {
    ServiceRedirect redirect = ServiceRedirect.decode(Snac.decode(flapPayload(BartDumps.SERVICE_REDIRECT)));
    assertEquals(0x0D, redirect.family());
    assertEquals("10.10.10.8", redirect.host());
    assertEquals(5190, redirect.port());
    assertArrayEquals("123456789ABCDEF".getBytes(), redirect.cookie());
    assertTrue(!redirect.toString().contains("1234"), "the cookie stays out of logs");
  }

  @Test
  void serviceRedirectWithoutPortOrWithBadParts() {
    Snac noPort = Snac.build(net.icqtransport.oscar.snac.SnacType.SERVICE_REDIRECT, 1, out -> {
      Tlv.ofU16(0x0D, 0x10).writeTo(out);
      Tlv.ofAscii(0x05, "bart.example").writeTo(out);
      Tlv.ofAscii(0x06, "c").writeTo(out);
    });
    assertEquals(new ServiceRedirect(0x10, "bart.example", 5190, "c".getBytes()), ServiceRedirect.decode(noPort));
    Snac badPort = Snac.build(net.icqtransport.oscar.snac.SnacType.SERVICE_REDIRECT, 1, out -> {
      Tlv.ofU16(0x0D, 0x10).writeTo(out);
      Tlv.ofAscii(0x05, "bart.example:99999").writeTo(out);
      Tlv.ofAscii(0x06, "c").writeTo(out);
    });
    assertThrows(OscarProtocolException.class, () -> ServiceRedirect.decode(badPort));
    Snac noCookie = Snac.build(net.icqtransport.oscar.snac.SnacType.SERVICE_REDIRECT, 1, out -> {
      Tlv.ofU16(0x0D, 0x10).writeTo(out);
      Tlv.ofAscii(0x05, "h:1").writeTo(out);
    });
    assertThrows(OscarProtocolException.class, () -> ServiceRedirect.decode(noCookie));
  }

  @Test
  void uploadMatchesTheDump() {
    byte[] dump = flapPayload(BartDumps.UPLOAD);
    byte[] gif = Arrays.copyOfRange(dump, 14, dump.length);
    assertEquals("GIF89a", new String(gif, 0, 6));
    assertEquals(toHex(dump), toHex(new BartUpload(BartId.BUDDY_ICON, gif).toSnac(0x00010002).encode()));
    assertThrows(IllegalArgumentException.class, () -> new BartUpload(1, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> new BartUpload(1, new byte[BartUpload.MAX_ICON_BYTES + 1]));
  }

  @Test
  void uploadReplyOfTheDump() {
    BartUploadReply reply = BartUploadReply.decode(Snac.decode(flapPayload(BartDumps.UPLOAD_REPLY)));
    assertTrue(reply.isSuccess());
    assertEquals(new BartId(1, 1, hex("f9655688e6addfed926b626fbdf93cee")), reply.id());
    assertEquals(new AvatarId("f9655688e6addfed926b626fbdf93cee"), reply.id().toAvatarId());
  }

  @Test
  void downloadRequestMatchesTheDump() {
    BartDownloadRequest request = new BartDownloadRequest("344059179",
        List.of(BartId.buddyIcon(new AvatarId(ICON_HASH))));
    assertEquals(toHex(flapPayload(BartDumps.DOWNLOAD_ICQ)), toHex(request.toSnac(0x5D2E0006L).encode()));
  }

  @Test
  void downloadReplyWithTheDumpsHeader() {
    byte[] payload = flapPayload(DOWNLOAD_REPLY_HEAD + "0004" + "ffd8ffe0");
    BartDownloadReply reply = BartDownloadReply.decode(Snac.decode(payload));
    assertEquals("344059179", reply.screenName());
    assertEquals(BartId.buddyIcon(new AvatarId(ICON_HASH)), reply.requested());
    assertEquals(reply.requested(), reply.answered());
    assertTrue(reply.isSuccess());
    assertEquals("ffd8ffe0", toHex(reply.icon()));
  }

  @Test
  void theDumpsElidedIconIsATruncation() {
    byte[] payload = flapPayload(DOWNLOAD_REPLY_HEAD + "160b" + "ffd8ffe000104a464946");
    OscarProtocolException e = assertThrows(OscarProtocolException.class,
        () -> BartDownloadReply.decode(Snac.decode(payload)));
    assertTrue(e.getMessage().startsWith("truncated icon"), e.getMessage());
    for (int cut = 10; cut < payload.length - 10; cut++) {
      Snac snac = Snac.decode(Arrays.copyOf(payload, cut));
      assertThrows(OscarProtocolException.class, () -> BartDownloadReply.decode(snac));
    }
  }

  @Test
  void bartErrorOfTheDump() {
    SnacError error = SnacError.decode(Snac.decode(flapPayload(BartDumps.BART_ERROR)));
    assertEquals(0x10, error.family());
    assertEquals(SnacError.SERVICE_UNAVAILABLE, error.code());
  }

  @Test
  void bartIdsOfUserInfoTlv1D() {
    byte[] value = hex("0001" + "01" + "10" + ICON_HASH + "0002" + "04" + "00" + "0008" + "00" + "01");
    List<BartId> ids = BartIds.parse(value);
    assertEquals(2, ids.size(), "the truncated third id is dropped, the two before it kept");
    assertEquals(Optional.of(new AvatarId(ICON_HASH)), BartIds.buddyIcon(ids));

    UserInfo info = new UserInfo("344059179", 0, TlvChain.of(Tlv.ofBytes(0x1D, value)));
    assertEquals(Optional.of(new AvatarId(ICON_HASH)), BartIds.avatar(info));
    assertEquals(Optional.empty(), BartIds.avatar(new UserInfo("1", 0, TlvChain.empty())));
  }

  @Test
  void theNoIconMarkerIsNoAvatar() {
    assertEquals(Optional.empty(), BartIds.buddyIcon(BartIds.parse(hex("0001" + "00" + "05" + "0201d20472"))));
    assertEquals(Optional.empty(), BartIds.buddyIcon(BartIds.parse(hex("0001" + "01" + "10" + "00".repeat(16)))));
    assertEquals(List.of(), BartIds.parse(hex("0001")));
  }
}
