package net.icqtransport.oscar.icq;

import io.netty.util.concurrent.ScheduledFuture;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.LegacyText;
import net.icqtransport.oscar.snac.SnacError;
import net.icqtransport.oscar.snac.icbm.IcbmChannel2Send;
import net.icqtransport.oscar.snac.icbm.IcbmClientAck;
import net.icqtransport.oscar.snac.icbm.IcbmRendezvous;
import net.icqtransport.oscar.snac.icbm.IcqMessageTypes;
import net.icqtransport.oscar.snac.icbm.IcqServerRelayMessage;
import net.icqtransport.oscar.snac.location.LocationSetAwayMessage;
import net.icqtransport.oscar.snac.service.SetStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's own status and status (away) text, and the texts of contacts, the ICQ 2003 way: a client asks
 * another client with a channel-2 auto-message request (types 0xE8 away … 0xEC free for chat, iserverd
 * snac_04_06_ch2) and gets the text back in the SNAC(04,0B) that acknowledges it (snac_04_0b_ch2). The text is
 * also published the AIM way (SNAC 02/04 TLVs 0x03/0x04, HTML) for clients that read it with 02/05 or 02/15; the
 * server marks the user away in its user class while that text is set. Going invisible also sets the privacy
 * item to "permit list only", as ICQ clients do; becoming visible restores the mode.
 *
 * <p>AIM screen names answer no auto-message requests: their texts are read the AIM way ({@link AimLocation}),
 * and so are those of ICQ numbers whose client gave none the ICQ way, when the server offers the location family.
 * AIM knows no N/A, DND or occupied: an AIM account in one of those goes out as away with its text (or the
 * status's name when it has none, as AIM needs a text to be away).
 */
final class IcqStatusMessages {
  private static final Logger LOG = LoggerFactory.getLogger(IcqStatusMessages.class);
  /** Priority word ICQ clients put into auto-message requests. */
  private static final int PRIORITY_REQUEST = 0x0001;

  private final IcqSessionContext session;
  private final IcqContactList contactList;
  private final IcqPresences presences;
  private final boolean locationFamily;
  private final AimLocation location;
  private final Map<Long, PendingFetch> fetches = new HashMap<>();
  private LegacyStatus status = LegacyStatus.ONLINE;
  private String text = "";
  private int counter = 0xFFFF;
  /** The privacy mode before the user went invisible; 0 when not invisible. */
  private int modeBeforeInvisible;

  private static final class PendingFetch {
    final CompletableFuture<Optional<String>> future = new CompletableFuture<>();
    LegacyContactId contact;
    long requestId;
    ScheduledFuture<?> timeout;
  }

  IcqStatusMessages(IcqSessionContext session, IcqContactList contactList, IcqPresences presences,
      AimLocation location) {
    this.session = session;
    this.contactList = contactList;
    this.presences = presences;
    this.location = location;
    this.locationFamily = location.available();
  }

  /** The status word of our own status, as it goes into 01/1E and into ICQ message headers. */
  int statusWire() {
    return IcqStatusCodes.toWire(status);
  }

  /** SNAC(01,1E) TLV 0x06, the away text via 02/04, and the privacy mode around invisibility. */
  void setStatus(LegacyStatus newStatus, String statusText) {
    int wire = IcqStatusCodes.toWire(newStatus);
    boolean wasInvisible = status == LegacyStatus.INVISIBLE;
    status = newStatus;
    text = statusText == null ? "" : statusText;
    if (newStatus == LegacyStatus.INVISIBLE && !wasInvisible) {
      modeBeforeInvisible = contactList.privacyMode() == 0 ? IcqContactList.PRIVACY_BLOCK_DENY_LIST
          : contactList.privacyMode();
      contactList.setPrivacyMode(IcqContactList.PRIVACY_ALLOW_PERMIT_LIST);
    } else if (newStatus != LegacyStatus.INVISIBLE && wasInvisible && modeBeforeInvisible != 0) {
      contactList.setPrivacyMode(modeBeforeInvisible);
      modeBeforeInvisible = 0;
    }
    if (!locationFamily) {
      session.send(id -> new SetStatus(0, wire).toSnac(id));
      return;
    }
    boolean away = isAwayLike(newStatus);
    String awayHtml = away ? AimHtml.escape(awayText(newStatus, text)) : "";
    // Watchers read the status word, and the class flag "away" that the away message sets: the word goes first
    // into an away status and last out of one, so that no watcher sees "away" by the flag alone on the way back.
    if (away) {
      session.send(id -> new SetStatus(0, wire).toSnac(id));
      session.send(id -> new LocationSetAwayMessage(awayHtml).toSnac(id));
    } else {
      session.send(id -> new LocationSetAwayMessage(awayHtml).toSnac(id));
      session.send(id -> new SetStatus(0, wire).toSnac(id));
    }
  }

  /**
   * The away message of 02/04 (plain text; escaped as HTML when sent). An AIM account is away only with a text:
   * without one it sends the status's name, which also keeps N/A, DND and occupied apart for AIM watchers.
   */
  private String awayText(LegacyStatus status, String statusText) {
    if (!statusText.isBlank() || IcqNetwork.isUin(session.account().value())) {
      return statusText;
    }
    return switch (status) {
      case NOT_AVAILABLE -> "Not available";
      case DO_NOT_DISTURB -> "Do not disturb";
      case OCCUPIED -> "Occupied";
      default -> "Away";
    };
  }

  private static boolean isAwayLike(LegacyStatus status) {
    return switch (status) {
      case AWAY, NOT_AVAILABLE, DO_NOT_DISTURB, OCCUPIED -> true;
      default -> false;
    };
  }

  /**
   * A contact's client asked for our status text (channel 2, types 0xE8 … 0xEC): the 04/0B answer carries it
   * with the request's type, flags 0x03, and our status.
   */
  void answer(long cookie, String screenName, IcqServerRelayMessage request, boolean utf8) {
    byte[] reply = encode(text, utf8, session.settings().legacyCodepage());
    IcqServerRelayMessage body = new IcqServerRelayMessage(request.protocolVersion(), new byte[16],
        IcqServerRelayMessage.CLIENT_FLAGS, request.counter(), request.messageType(),
        IcqMessageTypes.FLAGS_AUTO_MESSAGE, statusWire(), 0, reply, new byte[0]);
    session.send(id -> new IcbmClientAck(cookie, 2, screenName, IcbmClientAck.REASON_CHANNEL_SPECIFIC,
        body.toBytes()).toSnac(id));
  }

  /** ASCII as it is; other text as UTF-8 for clients that read it, else the legacy codepage (lossy). */
  static byte[] encode(String text, boolean utf8, Charset legacyCodepage) {
    if (LegacyText.isAscii(text)) {
      return text.getBytes(StandardCharsets.US_ASCII);
    }
    if (utf8) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    CharsetEncoder encoder = legacyCodepage.newEncoder()
        .onUnmappableCharacter(CodingErrorAction.REPLACE)
        .onMalformedInput(CodingErrorAction.REPLACE);
    try {
      ByteBuffer bytes = encoder.encode(CharBuffer.wrap(text));
      byte[] result = new byte[bytes.remaining()];
      bytes.get(result);
      return result;
    } catch (CharacterCodingException e) {
      return text.getBytes(legacyCodepage);
    }
  }

  /**
   * The contact's status text. An ICQ number's client is asked with the auto-message type of its last known
   * status; a contact known to be online without an away status, or offline, has none. No text that way (no
   * answer within the ack timeout, a blank one, a refusal other than "not logged on") is asked for the AIM way
   * when the server offers the location family, which is the only way for an AIM screen name.
   */
  CompletableFuture<Optional<String>> fetch(LegacyContactId contact) {
    PendingFetch pending = new PendingFetch();
    pending.contact = contact;
    session.loop().execute(() -> startFetch(contact, pending));
    return pending.future;
  }

  private void startFetch(LegacyContactId contact, PendingFetch pending) {
    if (!session.isClosed() && !IcqNetwork.isUin(contact.value())) {
      noTextTheIcqWay(pending);
      return;
    }
    Optional<LegacyStatus> known = presences.status(contact);
    Optional<Integer> type = known.map(IcqStatusMessages::requestType).orElse(Optional.of(IcqMessageTypes.AUTO_AWAY));
    if (session.isClosed() || type.isEmpty()) {
      pending.future.complete(Optional.empty());
      return;
    }
    long cookie = ThreadLocalRandom.current().nextLong();
    IcqServerRelayMessage request = IcqServerRelayMessage.of(nextCounter(), type.get(),
        IcqMessageTypes.FLAGS_AUTO_MESSAGE, statusWire(), PRIORITY_REQUEST, new byte[0], new byte[0]);
    IcbmChannel2Send send = new IcbmChannel2Send(cookie, contact.value(),
        IcbmRendezvous.serverRelay(cookie, request), true);
    fetches.put(cookie, pending);
    pending.requestId = session.send(send::toSnac);
    pending.timeout = session.loop().schedule(() -> {
      fetches.remove(cookie);
      noTextTheIcqWay(pending);
    }, session.settings().messageAckTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The ICQ way gave no text (or does not apply): the AIM way, if the server offers it, has the last word. */
  private void noTextTheIcqWay(PendingFetch pending) {
    if (!locationFamily || session.isClosed()) {
      pending.future.complete(Optional.empty());
      return;
    }
    location.awayMessage(pending.contact).whenComplete((text, failure) ->
        pending.future.complete(failure == null ? text : Optional.empty()));
  }

  private int nextCounter() {
    counter = counter <= 0xFF00 ? 0xFFFF : counter - 1;
    return counter;
  }

  static Optional<Integer> requestType(LegacyStatus status) {
    return switch (status) {
      case AWAY -> Optional.of(IcqMessageTypes.AUTO_AWAY);
      case OCCUPIED -> Optional.of(IcqMessageTypes.AUTO_OCCUPIED);
      case NOT_AVAILABLE -> Optional.of(IcqMessageTypes.AUTO_NA);
      case DO_NOT_DISTURB -> Optional.of(IcqMessageTypes.AUTO_DND);
      case FREE_FOR_CHAT -> Optional.of(IcqMessageTypes.AUTO_FREE_FOR_CHAT);
      case ONLINE, INVISIBLE, OFFLINE -> Optional.empty();
    };
  }

  /** SNAC(04,0B): completes the fetch with that cookie, if any; returns whether it was one. */
  boolean ackReceived(IcbmClientAck ack) {
    PendingFetch pending = fetches.remove(ack.cookie());
    if (pending == null) {
      return false;
    }
    pending.timeout.cancel(false);
    Optional<String> result = Optional.empty();
    try {
      IcqServerRelayMessage reply = IcqServerRelayMessage.decode(ack.data());
      String replyText = LegacyText.decode(reply.text(), session.settings().legacyCodepage());
      result = replyText.isBlank() ? Optional.empty() : Optional.of(replyText);
    } catch (OscarProtocolException e) {
      LOG.debug("{}: unreadable auto-message reply: {}", session.account(), e.getMessage());
    }
    if (result.isPresent()) {
      pending.future.complete(result);
    } else {
      noTextTheIcqWay(pending);
    }
    return true;
  }

  /** SNAC(04,01) for a fetch (recipient offline, not supported): no text. Returns whether it was one. */
  boolean icbmError(SnacError error) {
    for (Iterator<PendingFetch> it = fetches.values().iterator(); it.hasNext(); ) {
      PendingFetch pending = it.next();
      if (pending.requestId == error.requestId()) {
        it.remove();
        pending.timeout.cancel(false);
        if (error.code() == SnacError.RECIPIENT_NOT_LOGGED_IN) {
          pending.future.complete(Optional.empty());
        } else {
          noTextTheIcqWay(pending);
        }
        return true;
      }
    }
    return false;
  }

  void closed() {
    for (PendingFetch pending : fetches.values()) {
      if (pending.timeout != null) {
        pending.timeout.cancel(false);
      }
      pending.future.complete(Optional.empty());
    }
    fetches.clear();
  }
}
