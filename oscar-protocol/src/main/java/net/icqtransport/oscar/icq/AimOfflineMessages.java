package net.icqtransport.oscar.icq;

import io.netty.util.concurrent.ScheduledFuture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.DeliveryConfirmation;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.OfflineMessage;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacError;
import net.icqtransport.oscar.snac.SnacType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline messages of an AIM screen-name account, which ICQ's store (family 0x15, by UIN) does not hold. AIM
 * servers keep a message sent with TLV 0x06 ("store if offline") as the ICBM itself; the client asks for them
 * after client ready with an empty SNAC(04,10), the server sends each as an ordinary 04/07 carrying TLV 0x16 (the
 * time it was sent), then an empty 04/17, and deletes them as it sends them (Open OSCAR Server's
 * ICBMOfflineRetrieve; libpurple asks the same way). No iserverd file describes this path.
 *
 * <p>The 04/07s with TLV 0x16 that arrive between our 04/10 and the 04/17 are collected (their text read as any
 * channel-1 text) and handed to the bridge together as offline messages with their original times, so each
 * keeps its delay stamp however little time passed. Live messages in between (no TLV 0x16) pass as usual. The
 * confirmation has nothing to delete: the server did so already. A server that refuses 04/10 (04/01 for its id)
 * or never ends the answer (no 04/17 within the message-ack timeout) ends the collection with what arrived.
 */
final class AimOfflineMessages {
  private static final Logger LOG = LoggerFactory.getLogger(AimOfflineMessages.class);
  /** Nothing to delete: the server deleted the messages as it sent them. */
  private static final DeliveryConfirmation ALREADY_DELETED = () -> { };

  private final IcqSessionContext session;
  private final List<OfflineMessage> collected = new ArrayList<>();
  /** The request id of our 04/10 while its answer runs; 0 otherwise. */
  private long retrieving;
  private ScheduledFuture<?> timeout;

  AimOfflineMessages(IcqSessionContext session) {
    this.session = session;
  }

  /** SNAC(04,10), empty; call once the client is ready. */
  void request() {
    retrieving = session.send(id -> Snac.build(SnacType.ICBM_OFFLINE_RETRIEVE, id, out -> { }));
    if (retrieving != 0) {
      timeout = session.loop().schedule(() -> {
        LOG.debug("{}: no end of the offline messages (04/17) in time", session.account());
        deliver();
      }, session.settings().messageAckTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * A channel-1 message with a send time (TLV 0x16) while the answer to our 04/10 runs: kept for the batch.
   *
   * @return whether it was taken as an offline message (else the caller delivers it as a live one)
   */
  boolean collect(LegacyContactId from, String text, Instant sentAt) {
    if (retrieving == 0) {
      return false;
    }
    collected.add(new OfflineMessage(from, text, sentAt));
    return true;
  }

  /** SNAC(04,17): every stored message was sent. */
  void ended() {
    if (retrieving == 0) {
      LOG.debug("{}: end of offline messages without a request", session.account());
      return;
    }
    deliver();
  }

  /** An ICBM error; returns whether it answered our 04/10 (the server keeps no offline ICBMs for us). */
  boolean error(SnacError error) {
    if (retrieving == 0 || error.requestId() != retrieving) {
      return false;
    }
    LOG.debug("{}: the server refused to send offline messages (ICBM error 0x{})", session.account(),
        Integer.toHexString(error.code()));
    deliver();
    return true;
  }

  /**
   * The session is ending: what arrived is handed on now, before the listener hears of the end, since the server
   * has deleted it already. Call while the session may still notify its listener.
   */
  void ending() {
    if (retrieving != 0) {
      deliver();
    }
  }

  private void deliver() {
    retrieving = 0;
    if (timeout != null) {
      timeout.cancel(false);
      timeout = null;
    }
    List<OfflineMessage> messages = List.copyOf(collected);
    collected.clear();
    if (!messages.isEmpty()) {
      session.notify(l -> l.offlineMessagesReceived(messages, ALREADY_DELETED));
    }
  }
}
