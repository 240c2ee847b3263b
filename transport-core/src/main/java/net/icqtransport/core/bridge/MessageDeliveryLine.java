package net.icqtransport.core.bridge;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import net.icqtransport.core.legacy.DeliveryConfirmation;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.OfflineMessage;
import net.icqtransport.core.registration.PendingDelivery;
import net.icqtransport.core.registration.PendingDeliveryStore;
import net.icqtransport.core.registration.StoreException;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.core.user.UserEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one user's messages from the legacy network to the {@link UserEndpoint} (XEP-0100 §5.4) in the order
 * they arrived, and loses none when the XMPP side cannot take them.
 *
 * <ul>
 *   <li>Live messages are handed over at once, without waiting for the previous one to be written. One the
 *       endpoint fails goes to the {@link PendingDeliveryStore} with its time as the delay stamp (XEP-0203),
 *       taken in the order the messages arrived, not the order the failures came back.
 *   <li>While the outbox holds messages of the user, later messages join it rather than overtake them, and
 *       each arrival tries a redelivery, so a single failure heals without waiting for a presence.
 *   <li>{@link #redeliver()} (the user sent an available presence, or a new message arrived) hands the kept
 *       messages over one at a time, deleting each only after the endpoint wrote it; it stops at the first
 *       failure. It starts only once every live delivery in flight has settled, so a late failure is kept
 *       before it runs and keeps its place.
 *   <li>A message the endpoint wrote but the user's server bounced ({@link #bounced}, RFC 6120 §8.3) shows
 *       that the user is not there: it is kept again at its original time, which puts it back in its place
 *       among the kept ones, and from then on nothing is handed over, live messages included, until
 *       {@link #userAvailable()}. So a bounce never starts a retry by itself.
 *   <li>Offline messages (stored by the network) are confirmed to the network only once the endpoint wrote
 *       every one of them; if any fails, none is kept here and none confirmed, so the network sends them
 *       all again at the next login. While the outbox is in use they join it instead, and are confirmed
 *       once all of them are stored: the outbox is as durable as the network's storage.
 *   <li>When the outbox itself cannot take a live message (its database is down while the XMPP side fails
 *       too), the message is held in memory, in order, at most {@value #MAX_HELD} of them, and moved to the
 *       outbox before anything else is kept or redelivered, at the next arrival or available presence. Held
 *       messages survive the database outage but not a stop of the transport meanwhile (then they are
 *       logged as lost, with their count); offline messages are never only held, the network keeps them.
 *   <li>A message that arrives after the bridge signed off ({@link #keepLate}: its session was closed under it)
 *       is kept in the outbox, never handed to the endpoint: the bridge has told its owner it is done with it.
 *   <li>When the transport shuts down ({@link #close()}), a redelivery under way stops after the message in hand
 *       and none starts: the rest stays kept for the user's next available presence, on whichever instance
 *       gets it.
 * </ul>
 *
 * <p>Confined to the bridge's sequence: every method, and every reaction to a completion, runs there, so
 * the endpoint is never called concurrently for the user. The one exception saves a hop to the sequence per
 * message: a live message the endpoint wrote is only marked {@code written} by the thread that completed it, and
 * taken off the in-flight list at the line's next turn, unless something waits for the deliveries in flight to
 * settle ({@code settlesAwaited}: a redelivery, or someone asking {@link #isIdle()}).
 * Failures and offline messages always go to the sequence. Never logs message text.
 */
final class MessageDeliveryLine {

  private static final Logger log = LoggerFactory.getLogger(MessageDeliveryLine.class);
  /** Live messages held in memory while the outbox cannot take them; more are refused (logged as lost). */
  static final int MAX_HELD = 1_000;

  private final UserAddress user;
  private final UserEndpoint endpoint;
  private final PendingDeliveryStore outbox;
  private final Consumer<Runnable> sequence;
  private final Runnable onIdle;

  /** Live and offline messages handed to the endpoint whose outcome is not handled yet, oldest first. */
  private final ArrayDeque<Delivery> inFlight = new ArrayDeque<>();
  /**
   * Set on the sequence while something waits for {@link #inFlight} to empty (a redelivery, or an idle check that
   * found messages in flight), cleared once it is empty; read by the threads completing deliveries, which then
   * hand a written live message to the sequence too instead of only marking it.
   */
  private volatile boolean settlesAwaited;
  /** The kept messages of the current redelivery run not yet written, oldest first. */
  private final ArrayDeque<PendingDelivery> redeliveryBatch = new ArrayDeque<>();
  /** Live messages the outbox could not take (its database is down), oldest first: kept before anything else. */
  private final ArrayDeque<Delivery> held = new ArrayDeque<>();
  /** The ids handed over in the current run: one coming again means the store did not delete it. */
  private final Set<Long> redeliveredIds = new HashSet<>();
  /** Whether the outbox may hold messages of the user; null until read from the store. */
  private Boolean outboxInUse;
  /** The user's server bounced a message: until the user's next available presence, everything is kept. */
  private boolean userAway;
  private boolean redeliveryRequested;
  private boolean redelivering;
  private int redelivered;
  /** The transport shuts down: no redelivery starts or goes on ({@link #close()}). */
  private boolean closed;

  /**
   * @param sequence runs a task on the bridge's sequence
   * @param onIdle called on the sequence when the line becomes {@linkplain #isIdle() idle}
   */
  MessageDeliveryLine(
      UserAddress user,
      UserEndpoint endpoint,
      PendingDeliveryStore outbox,
      Consumer<Runnable> sequence,
      Runnable onIdle) {
    this.user = Objects.requireNonNull(user, "user");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.sequence = Objects.requireNonNull(sequence, "sequence");
    this.onIdle = Objects.requireNonNull(onIdle, "onIdle");
  }

  /**
   * A message from a contact.
   *
   * @param sentAt the sender's time if the network gave one, else null
   * @param receivedAt when the transport received it: the delay stamp if it has to be kept
   */
  void live(LegacyContactId from, String text, Instant sentAt, Instant receivedAt) {
    if (outboxInUse() && keepOrHold(new Delivery(from, text, sentAt, receivedAt, null))) {
      redeliver();
      return;
    }
    send(new Delivery(from, text, sentAt, receivedAt, null));
  }

  /**
   * The bridge goes (its user signed off): a last attempt to move the held messages to the outbox; those it
   * cannot move are lost with this line, and logged as such with their count.
   */
  void release() {
    if (!moveHeldToOutbox()) {
      log.error("Lost {} messages for {} held in memory: the outbox did not take them before the bridge went",
          held.size(), user);
      held.clear();
    }
  }

  /**
   * A message from a contact that arrived after the bridge signed off: kept in the outbox with its time (behind
   * any held ones), for the user's next available presence; never handed to the endpoint. Logged as lost if
   * the outbox cannot take it (it is not held: the line may already be released).
   */
  void keepLate(LegacyContactId from, String text, Instant sentAt, Instant receivedAt) {
    Instant stamp = sentAt != null ? sentAt : receivedAt;
    if (!moveHeldToOutbox() || !keep(from, text, stamp, receivedAt)) {
      log.error("Lost a message from {} for {}: it arrived as the session was signed off, and the outbox does not"
          + " take it", from, user);
    }
  }

  /**
   * The transport shuts down: a redelivery under way stops after the message in hand, and none starts; the
   * kept messages stay in the outbox for the user's next available presence. Live messages still go on.
   */
  void close() {
    closed = true;
  }

  /** How many live messages are held in memory because the outbox could not take them. */
  int heldCount() {
    return held.size();
  }

  /** Messages the network stored while the user was offline, with what confirms them to the network. */
  void offline(List<OfflineMessage> messages, DeliveryConfirmation confirmation, Instant receivedAt) {
    OfflineBatch batch = new OfflineBatch(messages.size(), confirmation);
    if (messages.isEmpty()) {
      batch.finish();
      return;
    }
    if (outboxInUse()) {
      for (OfflineMessage message : messages) {
        if (!moveHeldToOutbox() || !keep(message.from(), message.text(), message.sentAt(), receivedAt)) {
          batch.failed++;
        }
      }
      batch.settled = messages.size();
      batch.finish();
      redeliver();
      return;
    }
    for (OfflineMessage message : messages) {
      send(new Delivery(message.from(), message.text(), message.sentAt(), receivedAt, batch));
    }
  }

  /** Hands the kept messages over, once what is in flight has settled; not while the user is away. */
  void redeliver() {
    redeliveryRequested = true;
    startRedeliveryIfReady();
  }

  /**
   * The user sent an available presence: they are there to receive the kept messages, if there are any. The
   * store is asked again, since a message may have been kept without this line (a bounce that came while
   * the user had no bridge, or to another instance).
   */
  void userAvailable() {
    userAway = false;
    if (!redelivering) {
      outboxInUse = null;
    }
    if (outboxInUse()) {
      redeliver();
    }
  }

  /**
   * The user's server bounced a message that the endpoint wrote: keeps it again, and holds every message
   * until {@link #userAvailable()}. A redelivery under way stops after the message in hand.
   *
   * @param sentAt its original time: the delay stamp to redeliver it with, and its place in the outbox
   */
  void bounced(LegacyContactId from, String text, Instant sentAt) {
    if (!userAway) {
      log.info("The XMPP server bounced a message from {} to {}; keeping messages for {} until their next"
          + " available presence", from, user, user);
    }
    userAway = true;
    keepOrHold(new Delivery(from, text, sentAt, sentAt, null));
  }

  /** Whether nothing is in flight and no redelivery runs: the endpoint hears nothing more from this line. */
  boolean isIdle() {
    return inFlightSettled() && !redelivering;
  }

  // ---- Live and offline messages ------------------------------------------------------------------------

  private void send(Delivery delivery) {
    takeOffWritten();
    inFlight.add(delivery);
    deliver(delivery.from, delivery.text, delivery.sentAt).whenComplete((ignored, failure) -> {
      if (failure == null && delivery.batch == null) {
        delivery.written = true;
        if (!settlesAwaited) {
          return; // nothing waits for it: taken off inFlight at the line's next turn
        }
      }
      sequence.accept(() -> settled(delivery, failure));
    });
  }

  /** Handles outcomes from the oldest on, so that failures are kept in the order the messages arrived. */
  private void settled(Delivery delivery, Throwable failure) {
    delivery.done = true;
    delivery.failure = failure;
    while (!inFlight.isEmpty() && (inFlight.peek().done || inFlight.peek().written)) {
      Delivery head = inFlight.poll();
      if (head.batch != null) {
        head.batch.settled(head.failure != null);
      } else if (head.failure != null) {
        keepFailed(head);
      }
    }
    if (inFlight.isEmpty()) {
      settlesAwaited = false;
    }
    startRedeliveryIfReady();
    idleCheck();
  }

  /** Takes the live messages marked written off the head of {@link #inFlight} (a failure before them stops it). */
  private void takeOffWritten() {
    while (!inFlight.isEmpty() && inFlight.peek().written) {
      inFlight.poll();
    }
    if (inFlight.isEmpty()) {
      settlesAwaited = false;
    }
  }

  /**
   * Whether nothing is in flight; if something is, from now on every delivery that settles comes to the
   * sequence (and runs the checks of {@link #settled}) until nothing is.
   */
  private boolean inFlightSettled() {
    takeOffWritten();
    if (inFlight.isEmpty()) {
      return true;
    }
    settlesAwaited = true;
    takeOffWritten(); // one marked written before it saw the flag
    return inFlight.isEmpty();
  }

  private void keepFailed(Delivery delivery) {
    boolean wasInUse = Boolean.TRUE.equals(outboxInUse);
    if (keepOrHold(delivery) && !wasInUse) {
      log.warn("The XMPP side could not take a message for {} ({}); keeping messages for {} until it can",
          user, Failures.unwrap(delivery.failure), user);
    }
  }

  /**
   * Keeps a live message in the outbox, behind any held ones; if the outbox cannot take it, holds it in
   * memory. False only when the memory is full too: the message is lost, and logged as such.
   */
  private boolean keepOrHold(Delivery delivery) {
    Instant stamp = delivery.sentAt != null ? delivery.sentAt : delivery.receivedAt;
    if (moveHeldToOutbox() && keep(delivery.from, delivery.text, stamp, delivery.receivedAt)) {
      return true;
    }
    outboxInUse = true; // what arrives later waits behind the held messages
    if (held.size() >= MAX_HELD) {
      log.error("Lost a message from {} for {}: neither the XMPP side nor the outbox takes messages, and {} are"
          + " held in memory already", delivery.from, user, held.size());
      return false;
    }
    if (held.isEmpty()) {
      log.warn("The outbox cannot take messages for {}; holding them in memory until it can", user);
    }
    held.add(new Delivery(delivery.from, delivery.text, stamp, delivery.receivedAt, null));
    return true;
  }

  /** Moves the held messages to the outbox, oldest first; true if none is left held. */
  private boolean moveHeldToOutbox() {
    while (!held.isEmpty()) {
      Delivery next = held.peek();
      if (!keep(next.from, next.text, next.sentAt, next.receivedAt)) {
        return false;
      }
      held.poll();
      if (held.isEmpty()) {
        log.info("Moved the messages held in memory for {} to the outbox", user);
      }
    }
    return true;
  }

  /** Puts a message in the outbox; false (and logged) if the store failed, so the message is not kept. */
  private boolean keep(LegacyContactId from, String text, Instant sentAt, Instant receivedAt) {
    try {
      outbox.add(user, from, text, sentAt, receivedAt);
      outboxInUse = true;
      return true;
    } catch (StoreException e) {
      log.warn("Cannot keep a message from {} for {} in the outbox: {}", from, user, e.reason());
      return false;
    }
  }

  private boolean outboxInUse() {
    if (!held.isEmpty()) {
      return true;
    }
    if (outboxInUse == null) {
      try {
        outboxInUse = outbox.count(user) > 0;
      } catch (StoreException e) {
        log.warn("Cannot read the outbox of {}; delivering directly", user, e);
        return false;
      }
    }
    return outboxInUse;
  }

  // ---- Redelivery ---------------------------------------------------------------------------------------

  private void startRedeliveryIfReady() {
    if (!redeliveryRequested || redelivering || userAway || closed || !inFlightSettled()) {
      return;
    }
    redeliveryRequested = false;
    redelivering = true;
    redelivered = 0;
    redeliveredIds.clear();
    outboxInUse = true; // messages arriving meanwhile queue up behind the kept ones
    redeliverNext();
  }

  private void redeliverNext() {
    if (userAway) {
      log.info("Redelivery to {} paused after {} messages: the user is away", user, redelivered);
      stopRedelivery();
      return;
    }
    if (closed) {
      log.info("Redelivery to {} stopped after {} messages: the transport shuts down; the rest stays kept", user,
          redelivered);
      stopRedelivery();
      return;
    }
    if (redeliveryBatch.isEmpty()) {
      if (!moveHeldToOutbox()) {
        log.warn("Redelivery to {} waits: {} messages are held in memory until the outbox takes them", user,
            held.size());
        stopRedelivery();
        return;
      }
      try {
        redeliveryBatch.addAll(outbox.pending(user)); // picks up what was kept while the last batch ran
      } catch (StoreException e) {
        log.warn("Cannot read the outbox of {}; redelivery stops until the next attempt", user, e);
        stopRedelivery();
        return;
      }
      if (redeliveryBatch.isEmpty()) {
        outboxInUse = false;
        if (redelivered > 0) {
          log.info("Redelivered {} kept messages to {}", redelivered, user);
        }
        stopRedelivery();
        return;
      }
    }
    PendingDelivery next = redeliveryBatch.peek();
    if (!redeliveredIds.add(next.id())) {
      log.error("Kept message {} of {} is still in the outbox after its redelivery; stopping", next.id(), user);
      stopRedelivery();
      return;
    }
    deliver(next.from(), next.text(), next.sentAt())
        .whenComplete((ignored, failure) -> sequence.accept(() -> redelivered(next, failure)));
  }

  private void redelivered(PendingDelivery delivery, Throwable failure) {
    if (failure != null) {
      log.warn("Redelivery to {} stopped after {} messages; {} stay kept: the XMPP side failed ({})",
          user, redelivered, redeliveryBatch.size(), Failures.unwrap(failure));
      stopRedelivery();
      return;
    }
    redeliveryBatch.poll();
    redelivered++;
    try {
      outbox.delete(delivery.id());
    } catch (StoreException e) {
      // Going on would hand the same message over again at the next read of the outbox.
      log.error("Cannot delete redelivered message {} of {}; it may come again", delivery.id(), user, e);
      stopRedelivery();
      return;
    }
    redeliverNext();
  }

  private void stopRedelivery() {
    redeliveryBatch.clear();
    redelivering = false;
    redeliveryRequested = false; // the next arrival or available presence tries again
    idleCheck();
  }

  // ---- Helpers ------------------------------------------------------------------------------------------

  private CompletableFuture<Void> deliver(LegacyContactId from, String text, Instant sentAt) {
    try {
      CompletableFuture<Void> written = endpoint.deliverMessage(user, from, text, sentAt);
      return written != null ? written : CompletableFuture.failedFuture(new NullPointerException("no future"));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void idleCheck() {
    if (isIdle()) {
      onIdle.run();
    }
  }

  /** A message handed to the endpoint; {@code done} and {@code failure} are set when its future completes. */
  private static final class Delivery {
    final LegacyContactId from;
    final String text;
    final Instant sentAt;
    final Instant receivedAt;
    /** The offline messages it belongs to, or null for a live message. */
    final OfflineBatch batch;
    boolean done;
    Throwable failure;
    /** A live message the endpoint wrote, marked by the thread that completed it (see {@code settlesAwaited}). */
    volatile boolean written;

    Delivery(LegacyContactId from, String text, Instant sentAt, Instant receivedAt, OfflineBatch batch) {
      this.from = from;
      this.text = text;
      this.sentAt = sentAt;
      this.receivedAt = receivedAt;
      this.batch = batch;
    }
  }

  /** Offline messages handed over together: confirmed to the network once all of them are safe. */
  private final class OfflineBatch {
    final int size;
    final DeliveryConfirmation confirmation;
    int settled;
    int failed;

    OfflineBatch(int size, DeliveryConfirmation confirmation) {
      this.size = size;
      this.confirmation = confirmation;
    }

    void settled(boolean failure) {
      settled++;
      if (failure) {
        failed++;
      }
      if (settled == size) {
        finish();
      }
    }

    void finish() {
      if (failed > 0) {
        log.warn("{} of {} offline messages for {} could not be passed on; ICQ keeps them for the next login",
            failed, size, user);
        return;
      }
      try {
        confirmation.confirm();
        log.debug("Confirmed {} offline messages for {}", size, user);
      } catch (RuntimeException e) {
        log.warn("Confirming the offline messages of {} failed; they may come again", user, e);
      }
    }
  }
}
