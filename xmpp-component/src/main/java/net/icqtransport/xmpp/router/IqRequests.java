package net.icqtransport.xmpp.router;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * IQ get/set requests the component sends (disco#info to users' clients, XEP-0356 roster get/set as a user),
 * matched with their answers by id and sender (RFC 6120 §8.2.3). An answer is the result or error IQ; a
 * request that gets none within the timeout fails with a {@link java.util.concurrent.TimeoutException}, so
 * nothing waits forever.
 */
public final class IqRequests {
  /** How long an answer is waited for unless configured. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

  private final StanzaSender sender;
  private final Duration timeout;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong counter = new AtomicLong();
  private final String prefix = "icqt" + Long.toHexString(System.nanoTime() & 0xffffff) + "-";

  public IqRequests(StanzaSender sender, Duration timeout) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  public IqRequests(StanzaSender sender) {
    this(sender, DEFAULT_TIMEOUT);
  }

  /**
   * Sends a get or set (given a fresh id) and completes with its answer, a result or an error IQ. Cancelling
   * the returned future withdraws the request: it stops waiting at once, and an answer that still comes is
   * consumed as one to no request.
   */
  public CompletableFuture<IQ> send(IQ request) {
    if (request.getType() != IQ.Type.get && request.getType() != IQ.Type.set) {
      throw new IllegalArgumentException("only get and set are requests, not " + request.getType());
    }
    String id = prefix + counter.incrementAndGet();
    request.setID(id);
    CompletableFuture<IQ> answer = new CompletableFuture<>();
    pending.put(id, new Pending(request.getTo(), answer));
    answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((iq, failure) -> pending.remove(id));
    sender.send(request);
    return answer;
  }

  /**
   * Completes the request this answer belongs to.
   *
   * @return false if it answers no request of ours (or comes from another address than the one asked)
   */
  public boolean answer(IQ response) {
    if (response.getType() != IQ.Type.result && response.getType() != IQ.Type.error) {
      return false;
    }
    String id = response.getID();
    Pending request = id == null ? null : pending.get(id);
    if (request == null || !sameAddress(request.to(), response.getFrom())) {
      return false;
    }
    pending.remove(id);
    request.answer().complete(response);
    return true;
  }

  /** Requests still waiting for an answer. */
  public int waiting() {
    return pending.size();
  }

  /** A server answers for a bare JID it was asked, so bare JIDs are compared case-insensitively. */
  private static boolean sameAddress(JID asked, JID answered) {
    if (asked == null || answered == null) {
      return asked == answered;
    }
    return asked.toString().toLowerCase(Locale.ROOT).equals(answered.toString().toLowerCase(Locale.ROOT));
  }

  private record Pending(JID to, CompletableFuture<IQ> answer) {}
}
