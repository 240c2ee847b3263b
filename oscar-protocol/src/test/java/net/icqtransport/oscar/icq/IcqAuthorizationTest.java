package net.icqtransport.oscar.icq;

import static net.icqtransport.oscar.icq.FakeBosPeer.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.oscar.icq.RecordingListener.AddedBy;
import net.icqtransport.oscar.icq.RecordingListener.AuthAnswered;
import net.icqtransport.oscar.icq.RecordingListener.AuthRequested;
import net.icqtransport.oscar.icq.RecordingListener.ContactUpdated;
import net.icqtransport.oscar.icq.RecordingListener.Message;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.icbm.IcqChannel4Data;
import net.icqtransport.oscar.snac.icbm.IcqMessageTypes;
import net.icqtransport.oscar.snac.ssi.SsiAuthReply;
import net.icqtransport.oscar.snac.ssi.SsiAuthRequest;
import net.icqtransport.oscar.snac.ssi.SsiEdit;
import net.icqtransport.oscar.snac.ssi.SsiEditResult;
import net.icqtransport.oscar.snac.ssi.SsiItem;
import net.icqtransport.oscar.snac.ssi.SsiYouWereAdded;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.Test;

/** Authorization both ways, as SSI SNACs (13/18, 13/19, 13/1A, 13/1B, 13/1C) and as channel-4 ICQ messages. */
class IcqAuthorizationTest {
  private static final Charset CP1251 = Charset.forName("windows-1251");
  private static final SsiItem GROUP = new SsiItem("Friends", 1, 0, SsiItem.TYPE_GROUP, TlvChain.empty())
      .withMemberIds(List.of(5));
  private static final SsiItem CAROL = new SsiItem("333333", 1, 5, SsiItem.TYPE_BUDDY,
      TlvChain.of(Tlv.empty(SsiItem.TLV_AWAITING_AUTH)));

  private final FakeBosPeer peer = new FakeBosPeer(List.of(GROUP, CAROL), CP1251);

  @Test
  void sendsRequestsAndAnswers() throws Exception {
    peer.result(peer.session.requestAuthorization(id("333333"), "Привет, add me"));
    Snac request = peer.sent(SnacType.SSI_AUTH_REQUEST);
    assertEquals(new SsiAuthRequest("333333", "Привет, add me"), SsiAuthRequest.decode(request, CP1251));
    assertTrue(new String(request.data(), StandardCharsets.UTF_8).contains("Привет"), "reasons go out as UTF-8");

    peer.result(peer.session.answerAuthorization(id("444444"), true, "welcome"));
    assertEquals(new SsiAuthReply("444444", true, "welcome"),
        SsiAuthReply.decode(peer.sent(SnacType.SSI_AUTH_REPLY), CP1251));
    peer.result(peer.session.answerAuthorization(id("444444"), false, null));
    assertEquals(new SsiAuthReply("444444", false, ""),
        SsiAuthReply.decode(peer.sent(SnacType.SSI_AUTH_REPLY), CP1251));
    peer.finish();
  }

  @Test
  void reportsRequestsAnswersAndAddsFromTheServer() throws Exception {
    peer.receive(new SsiAuthRequest("444444", "let me in").toSnac(SnacType.SSI_AUTH_REQUEST_RECEIVED, 1));
    assertEquals(new AuthRequested(id("444444"), "let me in"), peer.listener.await(AuthRequested.class));

    peer.receive(new SsiAuthReply("555555", false, "no").toSnac(SnacType.SSI_AUTH_REPLY_RECEIVED, 2));
    assertEquals(new AuthAnswered(id("555555"), false, "no"), peer.listener.await(AuthAnswered.class));
    peer.assertNothingSent();

    peer.receive(new SsiYouWereAdded("666666").toSnac(3));
    assertEquals(id("666666"), peer.listener.await(AddedBy.class).contact());
    peer.finish();
  }

  @Test
  void aGrantClearsTheAwaitingMark() throws Exception {
    peer.receive(new SsiAuthReply("333333", true, "").toSnac(SnacType.SSI_AUTH_REPLY_RECEIVED, 2));
    assertEquals(new AuthAnswered(id("333333"), true, ""), peer.listener.await(AuthAnswered.class));
    assertEquals(new LegacyContact(id("333333"), "333333", "Friends", false),
        peer.listener.await(ContactUpdated.class).contact());
    peer.sent(SnacType.SSI_EDIT_BEGIN);
    Snac update = peer.sent(SnacType.SSI_UPDATE);
    SsiItem cleared = SsiEdit.decode(update).items().get(0);
    assertEquals(CAROL.withoutTlv(SsiItem.TLV_AWAITING_AUTH), cleared);
    peer.sent(SnacType.SSI_EDIT_END);
    peer.receive(new SsiEditResult(update.requestId(), List.of(0)).toSnac());
    peer.finish();
  }

  private void channel4(String from, int type, byte[] text) {
    Tlv data = Tlv.ofBytes(0x05, new IcqChannel4Data(Long.parseLong(from), type, 0, text).toBytes());
    peer.receiveIcbm(42, 4, from, List.of(), data);
  }

  /** Fields joined by the 0xFE byte, each in {@code charset}. */
  private static byte[] fields(Charset charset, String... fields) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.write(0xFE);
      }
      out.writeBytes(fields[i].getBytes(charset));
    }
    return out.toByteArray();
  }

  @Test
  void channel4FormsBecomeTheSameEvents() throws Exception {
    channel4("444444", IcqMessageTypes.AUTH_REQUEST, fields(CP1251, "Nick", "First", "Last", "a@b.c", "1", "Можно?"));
    assertEquals(new AuthRequested(id("444444"), "Можно?"), peer.listener.await(AuthRequested.class));
    channel4("555555", IcqMessageTypes.AUTH_DENIED, fields(CP1251, "нет"));
    assertEquals(new AuthAnswered(id("555555"), false, "нет"), peer.listener.await(AuthAnswered.class));
    channel4("333333", IcqMessageTypes.AUTH_GRANTED, new byte[0]);
    assertEquals(new AuthAnswered(id("333333"), true, ""), peer.listener.await(AuthAnswered.class));
    assertFalse(peer.listener.await(ContactUpdated.class).contact().awaitingAuthorization());
    channel4("666666", IcqMessageTypes.ADDED, fields(CP1251, "Nick", "First", "Last", "a@b.c", "1"));
    assertEquals(id("666666"), peer.listener.await(AddedBy.class).contact());
    peer.finish();
  }

  @Test
  void channel4PlainAndUrlMessagesArriveAsText() throws Exception {
    channel4("444444", IcqMessageTypes.PLAIN, "Привет".getBytes(CP1251));
    Message plain = peer.listener.await(Message.class);
    assertEquals(id("444444"), plain.from());
    assertEquals("Привет", plain.text());
    assertNull(plain.sentAt());
    channel4("444444", IcqMessageTypes.PLAIN, "UTF-8 wins: ü".getBytes(StandardCharsets.UTF_8));
    assertEquals("UTF-8 wins: ü", peer.listener.await(Message.class).text());
    channel4("444444", IcqMessageTypes.URL, fields(CP1251, "Url description", "http://test.url"));
    assertEquals("Url description\nhttp://test.url", peer.listener.await(Message.class).text());
    channel4("444444", IcqMessageTypes.CONTACTS, fields(CP1251, "1", "100002", "Bob", ""));
    channel4("444444", IcqMessageTypes.PLAIN, "still here".getBytes(CP1251));
    assertEquals("still here", peer.listener.await(Message.class).text());
    peer.finish();
  }

  @Test
  void aTruncatedChannel4MessageIsSkipped() throws Exception {
    peer.receiveIcbm(42, 4, "444444", List.of(), Tlv.ofBytes(0x05, new byte[] {1, 2, 3, 4, 1, 0, 9, 0, 'x'}));
    channel4("444444", IcqMessageTypes.PLAIN, "after".getBytes(CP1251));
    assertEquals("after", peer.listener.await(Message.class).text());
    assertTrue(peer.channel.isOpen());
    peer.finish();
  }
}
