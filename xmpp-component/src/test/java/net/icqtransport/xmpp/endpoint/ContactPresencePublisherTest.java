package net.icqtransport.xmpp.endpoint;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.AvatarId;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;

/** Contact presence with the occupied text and XEP-0153 photo hashes. */
class ContactPresencePublisherTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");
  private static final LegacyContactId BOB = new LegacyContactId("123456");
  private static final AvatarId AVATAR = new AvatarId("0123456789abcdef0123456789abcdef");
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4};

  private final RouterFixture fixture = new RouterFixture();

  @Test
  void occupiedIsDndThatKeepsItsName() {
    fixture.endpoint.contactPresenceChanged(ALICE, BOB, new LegacyPresence(LegacyStatus.OCCUPIED, "in a meeting", null));
    fixture.endpoint.contactPresenceChanged(ALICE, BOB, new LegacyPresence(LegacyStatus.FREE_FOR_CHAT, null, null));
    fixture.endpoint.contactPresenceChanged(ALICE, BOB, new LegacyPresence(LegacyStatus.NOT_AVAILABLE, "gone home", null));

    assertStanzas(fixture.sender.sent(),
        "<presence from='123456@icq.localhost' to='alice@localhost'><show>dnd</show><status>Occupied: in a meeting</status>"
            + "<x xmlns='vcard-temp:x:update'><photo/></x></presence>",
        "<presence from='123456@icq.localhost' to='alice@localhost'><show>chat</show><x xmlns='vcard-temp:x:update'><photo/></x></presence>",
        "<presence from='123456@icq.localhost' to='alice@localhost'><show>xa</show><status>gone home</status>"
            + "<x xmlns='vcard-temp:x:update'><photo/></x></presence>");
  }

  @Test
  void theAvatarHashIsTheSha1OfTheFetchedImage() throws Exception {
    CompletableFuture<byte[]> image = new CompletableFuture<>();
    when(fixture.gateway.fetchAvatar(ALICE, BOB, AVATAR)).thenReturn(image);
    String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(PNG));

    fixture.endpoint.contactPresenceChanged(ALICE, BOB, new LegacyPresence(LegacyStatus.ONLINE, null, AVATAR));
    image.complete(PNG);
    fixture.endpoint.contactPresenceChanged(ALICE, BOB, new LegacyPresence(LegacyStatus.AWAY, "lunch", AVATAR));

    assertStanzas(fixture.sender.sent(),
        "<presence from='123456@icq.localhost' to='alice@localhost'><x xmlns='vcard-temp:x:update'/></presence>",
        "<presence from='123456@icq.localhost' to='alice@localhost'><x xmlns='vcard-temp:x:update'><photo>" + sha1 + "</photo></x></presence>",
        "<presence from='123456@icq.localhost' to='alice@localhost'><show>away</show><status>lunch</status>"
            + "<x xmlns='vcard-temp:x:update'><photo>" + sha1 + "</photo></x></presence>");
    verify(fixture.gateway, times(1)).fetchAvatar(any(), any(), any());
    org.junit.jupiter.api.Assertions.assertEquals("image/png", fixture.avatars.cached(AVATAR).orElseThrow().mimeType());
  }

  /** Issue #15: the away message comes with the presence from the bridge; the XMPP side never calls back for it. */
  @Test
  void anAwayStatusWithoutTextIsShownAsItCameWithoutAskingTheGateway() {
    fixture.endpoint.contactPresenceChanged(ALICE, BOB, LegacyPresence.of(LegacyStatus.AWAY));

    assertStanzas(fixture.sender.sent(),
        "<presence from='123456@icq.localhost' to='alice@localhost'><show>away</show><x xmlns='vcard-temp:x:update'><photo/></x></presence>");
    verify(fixture.gateway, times(0)).fetchStatusMessage(any(), any());
  }

  /** Issue #16: an idle AIM contact (user-info TLV 0x04) shows since when, XEP-0319; back from idle, it does not. */
  @Test
  void anIdleContactSaysSinceWhen() {
    LegacyContactId mary = new LegacyContactId("maryann");
    Instant since = Instant.parse("2024-05-01T11:50:00.400Z");
    fixture.endpoint.contactPresenceChanged(ALICE, mary, new LegacyPresence(LegacyStatus.AWAY, "lunch & back", null, since));
    fixture.endpoint.contactPresenceChanged(ALICE, mary, new LegacyPresence(LegacyStatus.ONLINE, null, null, null));
    fixture.endpoint.contactPresenceChanged(ALICE, mary, new LegacyPresence(LegacyStatus.OFFLINE, null, null, since));

    assertStanzas(fixture.sender.sent(),
        "<presence from='maryann@icq.localhost' to='alice@localhost'><show>away</show><status>lunch &amp; back</status>"
            + "<idle xmlns='urn:xmpp:idle:1' since='2024-05-01T11:50:00Z'/>"
            + "<x xmlns='vcard-temp:x:update'><photo/></x></presence>",
        "<presence from='maryann@icq.localhost' to='alice@localhost'><x xmlns='vcard-temp:x:update'><photo/></x></presence>",
        "<presence from='maryann@icq.localhost' to='alice@localhost' type='unavailable'/>");
  }
}
