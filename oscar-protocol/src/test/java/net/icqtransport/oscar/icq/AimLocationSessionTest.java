package net.icqtransport.oscar.icq;

import static net.icqtransport.oscar.icq.FakeBosPeer.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.LegacyUserInfo;
import net.icqtransport.oscar.icq.RecordingListener.Status;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.location.LocationInfoQuery;
import net.icqtransport.oscar.snac.location.LocationInfoRequest;
import net.icqtransport.oscar.snac.ssi.SsiItem;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.Test;

/**
 * AIM presence through the location family (issue #16): status by the user class's away bit, idle time from
 * TLV 0x04, away messages and profiles asked for with 02/15 (02/05 where the server refuses it) and read from
 * 02/06, and an AIM account's own away statuses.
 */
class AimLocationSessionTest {
  private static final String AIM_MIME = "text/aolrtf; charset=\"us-ascii\"";

  private final FakeBosPeer peer = new FakeBosPeer(List.of(
      new SsiItem("Buddies", 1, 0, SsiItem.TYPE_GROUP, TlvChain.empty()).withMemberIds(List.of(7)),
      new SsiItem("Mary Ann", 1, 7, SsiItem.TYPE_BUDDY, TlvChain.empty())), Charset.forName("windows-1252"));

  private void online(String name, Tlv... tlvs) {
    peer.receive(SnacType.BUDDY_ONLINE, out -> {
      SnacIo.writeScreenName(out, name);
      out.writeShort(0);
      out.writeShort(tlvs.length);
      for (Tlv tlv : tlvs) {
        tlv.writeTo(out);
      }
    });
  }

  /** SNAC(02,06) answering {@code requestId}: Mary's block, then {@code parts}. */
  private static Snac locationInfo(long requestId, Tlv... parts) {
    return new Snac(0x02, 0x06, 0, requestId, bytes(out -> {
      SnacIo.writeScreenName(out, "Mary Ann");
      out.writeShort(0);
      out.writeShort(1);
      Tlv.ofU16(0x01, 0x0030).writeTo(out);
      TlvChain.of(parts).writeChain(out);
    }));
  }

  private static byte[] bytes(java.util.function.Consumer<io.netty.buffer.ByteBuf> body) {
    io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.buffer();
    body.accept(out);
    byte[] result = new byte[out.readableBytes()];
    out.readBytes(result);
    return result;
  }

  private static Tlv ascii(int type, String text) {
    return Tlv.ofBytes(type, text.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void aScreenNameIsAwayByItsUserClassAndSaysHowLongItIsIdle() throws Exception {
    online("Mary Ann", Tlv.ofU16(0x01, 0x0010));
    assertEquals(new Status(id("maryann"), LegacyStatus.ONLINE, null), peer.listener.await(Status.class));

    Instant before = Instant.now();
    // The status word says nothing for AIM: the class says away, TLV 0x04 ten minutes idle.
    online("Mary Ann", Tlv.ofU16(0x01, 0x0030), Tlv.ofU16(0x04, 10), Tlv.ofU32(0x06, 0x0000));
    Status away = peer.listener.await(Status.class);
    assertEquals(LegacyStatus.AWAY, away.status());
    Duration idle = Duration.between(away.idleSince(), before);
    assertTrue(idle.compareTo(Duration.ofMinutes(10).minusSeconds(5)) > 0
        && idle.compareTo(Duration.ofMinutes(10).plusSeconds(5)) < 0, idle::toString);

    // A minute later it says eleven: the same idle period, the same time.
    online("Mary Ann", Tlv.ofU16(0x01, 0x0030), Tlv.ofU16(0x04, 11));
    assertEquals(away.idleSince(), peer.listener.await(Status.class).idleSince());

    online("Mary Ann", Tlv.ofU16(0x01, 0x0010));
    Status back = peer.listener.await(Status.class);
    assertEquals(LegacyStatus.ONLINE, back.status());
    assertNull(back.idleSince());
    peer.finish();
  }

  @Test
  void aNumberKeepsItsStatusWordAndIsAwayByTheClassOnlyWhereTheWordSaysOnline() throws Exception {
    online("222222", Tlv.ofU16(0x01, 0x0070), Tlv.ofU32(0x06, 0x0013));
    assertEquals(LegacyStatus.DO_NOT_DISTURB, peer.listener.await(Status.class).status());
    online("222222", Tlv.ofU16(0x01, 0x0070), Tlv.ofU32(0x06, 0x0000));
    assertEquals(LegacyStatus.AWAY, peer.listener.await(Status.class).status());
    online("222222", Tlv.ofU16(0x01, 0x0050), Tlv.ofU32(0x06, 0x0000));
    assertEquals(LegacyStatus.ONLINE, peer.listener.await(Status.class).status());
    peer.finish();
  }

  @Test
  void aScreenNamesAwayMessageIsAskedForWith0215AndArrivesAsPlainText() throws Exception {
    online("Mary Ann", Tlv.ofU16(0x01, 0x0030));
    CompletableFuture<Optional<String>> text = peer.session.fetchStatusMessage(id("maryann"));
    Snac query = peer.sent(SnacType.LOCATION_USER_INFO_QUERY);
    assertEquals(new LocationInfoQuery(LocationInfoQuery.AWAY_MESSAGE, "maryann"), LocationInfoQuery.decode(query));
    peer.assertNothingSent(); // no ICQ auto-message request: AIM clients answer none

    peer.receive(locationInfo(query.requestId(), ascii(0x03, AIM_MIME),
        ascii(0x04, "<HTML><BODY><B>lunch</B> &amp; back</BODY></HTML>")));
    assertEquals(Optional.of("lunch & back"), peer.result(text));
    peer.finish();
  }

  @Test
  void aServerRefusing0215IsAskedWith0205AndNotOnlineMeansNoText() throws Exception {
    CompletableFuture<Optional<String>> text = peer.session.fetchStatusMessage(id("maryann"));
    Snac query = peer.sent(SnacType.LOCATION_USER_INFO_QUERY);
    peer.receive(new Snac(0x02, 0x01, 0, query.requestId(), new byte[] {0, 1}));
    Snac older = peer.sent(SnacType.LOCATION_INFO_REQUEST);
    assertEquals(new LocationInfoRequest(LocationInfoRequest.AWAY_MESSAGE, "maryann"), LocationInfoRequest.decode(older));
    peer.receive(locationInfo(older.requestId(), ascii(0x03, "text/aolrtf; charset=\"unicode-2-0\""),
        Tlv.ofBytes(0x04, "Grüße".getBytes(StandardCharsets.UTF_16BE))));
    assertEquals(Optional.of("Grüße"), peer.result(text));

    CompletableFuture<Optional<String>> offline = peer.session.fetchStatusMessage(id("maryann"));
    peer.receive(new Snac(0x02, 0x01, 0, peer.sent(SnacType.LOCATION_USER_INFO_QUERY).requestId(), new byte[] {0, 4}));
    assertEquals(Optional.empty(), peer.result(offline));
    peer.finish();
  }

  @Test
  void aScreenNamesProfileIsItsUserInfo() throws Exception {
    CompletableFuture<LegacyUserInfo> info = peer.session.fetchUserInfo(id("maryann"));
    Snac query = peer.sent(SnacType.LOCATION_USER_INFO_QUERY);
    assertEquals(new LocationInfoQuery(LocationInfoQuery.PROFILE, "maryann"), LocationInfoQuery.decode(query));
    peer.receive(locationInfo(query.requestId(), ascii(0x01, AIM_MIME),
        ascii(0x02, "<HTML><BODY>I like <B>jazz</B> &amp; tea<BR>Boston</BODY></HTML>")));
    LegacyUserInfo mary = peer.result(info);
    assertEquals(id("maryann"), mary.id());
    assertEquals("Mary Ann", mary.nickname());
    assertEquals("I like jazz & tea\nBoston", mary.about());
    assertEquals(Boolean.TRUE, mary.online());

    // Not online: the server has no profile; the name from the list stays.
    CompletableFuture<LegacyUserInfo> offline = peer.session.fetchUserInfo(id("maryann"));
    peer.receive(new Snac(0x02, 0x01, 0, peer.sent(SnacType.LOCATION_USER_INFO_QUERY).requestId(), new byte[] {0, 4}));
    LegacyUserInfo away = peer.result(offline);
    assertEquals("Mary Ann", away.nickname());
    assertNull(away.about());
    assertEquals(Boolean.FALSE, away.online());
    peer.finish();
  }

  @Test
  void aLocationQueryWithoutAnswerTimesOut() throws Exception {
    CompletableFuture<Optional<String>> text = peer.session.fetchStatusMessage(id("maryann"));
    peer.sent(SnacType.LOCATION_USER_INFO_QUERY);
    peer.advance(IcqNetworkSettings.defaults("127.0.0.1").requestTimeout().plusSeconds(1));
    assertEquals(Optional.empty(), peer.result(text));
    peer.finish();
  }

  @Test
  void anAimAccountGoesAwayTheAimWayWithTheTextOrTheStatusName() {
    FakeBosPeer aim = new FakeBosPeer("joeuser", List.of(), Charset.forName("windows-1252"));
    aim.session.setStatus(LegacyStatus.DO_NOT_DISTURB, null);
    aim.sent(SnacType.SERVICE_SET_STATUS);
    TlvChain away = TlvChain.readChain(aim.sent(SnacType.LOCATION_SET_INFO).dataBuffer());
    assertEquals("Do not disturb", new String(away.bytes(0x04).orElseThrow(), StandardCharsets.UTF_8));

    aim.session.setStatus(LegacyStatus.NOT_AVAILABLE, "gone <home>");
    aim.sent(SnacType.SERVICE_SET_STATUS);
    away = TlvChain.readChain(aim.sent(SnacType.LOCATION_SET_INFO).dataBuffer());
    assertEquals("gone &lt;home&gt;", new String(away.bytes(0x04).orElseThrow(), StandardCharsets.UTF_8));

    aim.session.setStatus(LegacyStatus.ONLINE, null);
    away = TlvChain.readChain(aim.sent(SnacType.LOCATION_SET_INFO).dataBuffer());
    assertFalse(away.bytes(0x04).orElseThrow().length > 0);
    aim.sent(SnacType.SERVICE_SET_STATUS);
    aim.finish();
  }
}
