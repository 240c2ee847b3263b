package net.icqtransport.oscar.icq;

import static net.icqtransport.oscar.icq.FakeBosPeer.id;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.icbm.IcbmClientAck;
import net.icqtransport.oscar.snac.icbm.IcbmRendezvous;
import net.icqtransport.oscar.snac.icbm.IcqMessageTypes;
import net.icqtransport.oscar.snac.icbm.IcqServerRelayMessage;
import net.icqtransport.oscar.snac.ssi.SsiEdit;
import net.icqtransport.oscar.snac.ssi.SsiItem;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.Test;

/**
 * Own status and status text (01/1E, 02/04, privacy item for invisibility), auto-message requests answered with
 * 04/0B, and contacts' texts fetched with a channel-2 request.
 */
class IcqStatusMessagesTest {
  private static final Charset CP1251 = Charset.forName("windows-1251");
  private static final long COOKIE = 0x1122334455667788L;

  private final FakeBosPeer peer = new FakeBosPeer(List.of(), CP1251);

  private static long statusOf(Snac setStatus) {
    return TlvChain.readChain(setStatus.dataBuffer()).unsigned(0x06).orElseThrow();
  }

  @Test
  void setsStatusAndPublishesTheAwayText() {
    peer.session.setStatus(LegacyStatus.AWAY, "lunch");
    assertEquals(0x0001, statusOf(peer.sent(SnacType.SERVICE_SET_STATUS)));
    TlvChain away = TlvChain.readChain(peer.sent(SnacType.LOCATION_SET_INFO).dataBuffer());
    assertEquals("lunch", new String(away.bytes(0x04).orElseThrow(), StandardCharsets.UTF_8));
    assertTrue(away.ascii(0x03).orElseThrow().startsWith("text/"));

    // Into an away status the word goes first; the 02/04 text is HTML, so what was typed is escaped.
    peer.session.setStatus(LegacyStatus.DO_NOT_DISTURB, "fish & chips <3");
    assertEquals(0x0013, statusOf(peer.sent(SnacType.SERVICE_SET_STATUS)));
    TlvChain busy = TlvChain.readChain(peer.sent(SnacType.LOCATION_SET_INFO).dataBuffer());
    assertEquals("fish &amp; chips &lt;3", new String(busy.bytes(0x04).orElseThrow(), StandardCharsets.UTF_8));

    // Out of it the away message is cleared first: no watcher sees "away" by the user class alone.
    peer.session.setStatus(LegacyStatus.ONLINE, null);
    TlvChain cleared = TlvChain.readChain(peer.sent(SnacType.LOCATION_SET_INFO).dataBuffer());
    assertEquals(0, cleared.bytes(0x04).orElseThrow().length);
    assertEquals(0x0000, statusOf(peer.sent(SnacType.SERVICE_SET_STATUS)));
    peer.finish();
  }

  @Test
  void invisibleSetsThePrivacyModeAndVisibleRestoresIt() {
    peer.session.setStatus(LegacyStatus.INVISIBLE, null);
    peer.sent(SnacType.SSI_EDIT_BEGIN);
    SsiItem privacy = SsiEdit.decode(peer.sent(SnacType.SSI_ADD)).items().get(0);
    assertEquals(SsiItem.TYPE_PRIVACY, privacy.type());
    assertArrayEquals(new byte[] {3}, privacy.tlvs().bytes(SsiItem.TLV_PRIVACY_MODE).orElseThrow());
    peer.sent(SnacType.SSI_EDIT_END);
    peer.sent(SnacType.LOCATION_SET_INFO);
    assertEquals(0x0100, statusOf(peer.sent(SnacType.SERVICE_SET_STATUS)));
    peer.receive(SnacType.SSI_EDIT_RESULT, out -> out.writeShort(0));

    peer.session.setStatus(LegacyStatus.ONLINE, null);
    peer.sent(SnacType.SSI_EDIT_BEGIN);
    SsiItem restored = SsiEdit.decode(peer.sent(SnacType.SSI_UPDATE)).items().get(0);
    assertEquals(privacy.itemId(), restored.itemId());
    assertArrayEquals(new byte[] {4}, restored.tlvs().bytes(SsiItem.TLV_PRIVACY_MODE).orElseThrow());
    peer.sent(SnacType.SSI_EDIT_END);
    peer.sent(SnacType.LOCATION_SET_INFO);
    assertEquals(0, statusOf(peer.sent(SnacType.SERVICE_SET_STATUS)));
    peer.finish();
  }

  private void autoMessageRequest(int type) {
    IcqServerRelayMessage request = IcqServerRelayMessage.of(0xFFF5, type, IcqMessageTypes.FLAGS_AUTO_MESSAGE,
        0, 1, new byte[0], new byte[0]);
    peer.receiveIcbm(COOKIE, 2, "222222", List.of(),
        Tlv.ofBytes(0x05, IcbmRendezvous.serverRelay(COOKIE, request).toBytes()));
  }

  @Test
  void answersAutoMessageRequestsWithTheStatusText() {
    peer.session.setStatus(LegacyStatus.OCCUPIED, "In a meeting, назад в 3");
    peer.drainSent();
    autoMessageRequest(IcqMessageTypes.AUTO_OCCUPIED);
    IcbmClientAck ack = IcbmClientAck.decode(peer.sent(SnacType.ICBM_CLIENT_ACK));
    assertEquals(COOKIE, ack.cookie());
    assertEquals(2, ack.channel());
    assertEquals("222222", ack.screenName());
    assertEquals(IcbmClientAck.REASON_CHANNEL_SPECIFIC, ack.reason());
    IcqServerRelayMessage reply = IcqServerRelayMessage.decode(ack.data());
    assertEquals(IcqMessageTypes.AUTO_OCCUPIED, reply.messageType());
    assertEquals(IcqMessageTypes.FLAGS_AUTO_MESSAGE, reply.flags());
    assertEquals(0xFFF5, reply.counter());
    assertEquals(0x0011, reply.status());
    // The requester did not announce UTF-8: the text goes out in the legacy codepage.
    assertEquals("In a meeting, назад в 3", new String(reply.text(), CP1251));
    peer.assertNothingSent();
    peer.finish();
  }

  private void online(String uin, int status) {
    peer.receive(SnacType.BUDDY_ONLINE, out -> {
      SnacIo.writeScreenName(out, uin);
      out.writeShort(0);
      out.writeShort(1);
      Tlv.ofU32(0x06, status).writeTo(out);
    });
  }

  @Test
  void fetchesAContactsTextWithTheRequestTypeOfItsStatus() throws Exception {
    online("222222", 0x0005); // N/A
    CompletableFuture<Optional<String>> fetched = peer.session.fetchStatusMessage(id("222222"));
    Snac send = peer.sent(SnacType.ICBM_SEND);
    var in = send.dataBuffer();
    long cookie = in.readLong();
    assertEquals(2, in.readUnsignedShort());
    assertEquals("222222", SnacIo.readScreenName(in));
    TlvChain tlvs = TlvChain.readChain(in);
    assertTrue(tlvs.contains(0x03));
    IcbmRendezvous rendezvous = IcbmRendezvous.decode(tlvs.bytes(0x05).orElseThrow());
    assertEquals(cookie, rendezvous.cookie());
    IcqServerRelayMessage request = rendezvous.serverRelayMessage().orElseThrow();
    assertEquals(IcqMessageTypes.AUTO_NA, request.messageType());
    assertEquals(IcqMessageTypes.FLAGS_AUTO_MESSAGE, request.flags());

    IcqServerRelayMessage reply = IcqServerRelayMessage.of(request.counter(), IcqMessageTypes.AUTO_NA,
        IcqMessageTypes.FLAGS_AUTO_MESSAGE, 0x0005, 0, "gone fishing".getBytes(StandardCharsets.US_ASCII),
        new byte[0]);
    peer.receive(new IcbmClientAck(cookie, 2, "222222", 3, reply.toBytes()).toSnac(9));
    assertEquals(Optional.of("gone fishing"), peer.result(fetched));
    peer.finish();
  }

  @Test
  void noAnswerOrNoAwayStatusMeansNoText() throws Exception {
    online("222222", 0x0000);
    assertEquals(Optional.empty(), peer.result(peer.session.fetchStatusMessage(id("222222"))));
    peer.assertNothingSent();

    // No answer the ICQ way: asked the AIM way (02/15), where it has none either (02/01 code 4).
    online("333333", 0x0001);
    CompletableFuture<Optional<String>> silent = peer.session.fetchStatusMessage(id("333333"));
    peer.sent(SnacType.ICBM_SEND);
    peer.advance(FakeBosPeer.ACK_TIMEOUT.plusSeconds(1));
    Snac query = peer.sent(SnacType.LOCATION_USER_INFO_QUERY);
    peer.receive(new Snac(0x02, 0x01, 0, query.requestId(), new byte[] {0, 4}));
    assertEquals(Optional.empty(), peer.result(silent));

    CompletableFuture<Optional<String>> offline = peer.session.fetchStatusMessage(id("444444"));
    Snac send = peer.sent(SnacType.ICBM_SEND);
    peer.receive(new Snac(0x04, 0x01, 0, send.requestId(), new byte[] {0, 4}));
    assertEquals(Optional.empty(), peer.result(offline));
    peer.finish();
  }
}
