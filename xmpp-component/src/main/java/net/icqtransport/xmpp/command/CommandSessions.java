package net.icqtransport.xmpp.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.JID;

/**
 * Command sessions waiting for a form (XEP-0050 §3.4): which node, which full JID, which stage. A session
 * belongs to the full JID that started it (§4.5 says the responder may check this) and expires after
 * {@code timeout} without use, so abandoned forms do not pile up. In memory only.
 */
public final class CommandSessions {

  /** A session's state. */
  public record Session(String id, String node, JID requester, int stage, Instant lastUsed) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration timeout;

  public CommandSessions(Clock clock, Duration timeout) {
    this.clock = clock;
    this.timeout = timeout;
  }

  /** A new session id, unguessable so no one can continue another's session. */
  public String newId() {
    return UUID.randomUUID().toString();
  }

  /** The live session with this id, if it is for the node and requester. */
  public Optional<Session> find(String id, String node, JID requester) {
    expire();
    Session session = sessions.get(id);
    if (session == null || !session.node().equals(node) || !session.requester().equals(requester)) {
      return Optional.empty();
    }
    return Optional.of(session);
  }

  /** Records that the session waits at {@code stage}. */
  public void save(String id, String node, JID requester, int stage) {
    expire();
    sessions.put(id, new Session(id, node, requester, stage, clock.instant()));
  }

  public void remove(String id) {
    sessions.remove(id);
  }

  /** Sessions waiting for a form (for tests and metrics). */
  public int size() {
    return sessions.size();
  }

  private void expire() {
    Instant oldest = clock.instant().minus(timeout);
    sessions.values().removeIf(session -> session.lastUsed().isBefore(oldest));
  }
}
