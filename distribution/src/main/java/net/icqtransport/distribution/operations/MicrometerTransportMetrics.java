package net.icqtransport.distribution.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.core.metrics.TransportMetrics;
import net.icqtransport.core.user.SessionState;

/**
 * The bridge's events as Micrometer meters (Prometheus names in brackets): sessions per state
 * ({@code icq_transport_sessions{state}}), logins ({@code icq_transport_logins_total}), login failures per
 * {@link LoginFailure} ({@code icq_transport_login_failures_total{reason}}), messages each way
 * ({@code icq_transport_messages_total{direction="xmpp_to_icq"|"icq_to_xmpp"}}), bounces
 * ({@code icq_transport_messages_bounced_total}), OSCAR reconnects
 * ({@code icq_transport_reconnects_total{link="oscar"}}) and registrations
 * ({@code icq_transport_registrations_total{action="register"|"unregister"}}).
 */
public final class MicrometerTransportMetrics implements TransportMetrics {
  private final Map<SessionState, AtomicInteger> sessions = new EnumMap<>(SessionState.class);
  private final Counter logins;
  private final Map<LoginFailure, Counter> loginFailures = new EnumMap<>(LoginFailure.class);
  private final Counter toLegacy;
  private final Counter fromLegacy;
  private final Counter bounced;
  private final Counter reconnects;
  private final Counter registered;
  private final Counter unregistered;

  public MicrometerTransportMetrics(MeterRegistry registry) {
    for (SessionState state : SessionState.values()) {
      if (state == SessionState.OFFLINE) {
        continue; // every bridge starts and ends there: a count of it would only grow
      }
      AtomicInteger count = new AtomicInteger();
      sessions.put(state, count);
      Gauge.builder("icq.transport.sessions", count, AtomicInteger::get)
          .description("Users' ICQ sessions by state of the bridge")
          .tag("state", state.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
    logins = Counter.builder("icq.transport.logins")
        .description("Successful logins to ICQ (first logins and reconnects)").register(registry);
    for (LoginFailure failure : LoginFailure.values()) {
      loginFailures.put(failure, Counter.builder("icq.transport.login.failures")
          .description("Failed logins to ICQ by reason (registration checks included)")
          .tag("reason", failure.name().toLowerCase(Locale.ROOT))
          .register(registry));
    }
    toLegacy = message(registry, "xmpp_to_icq");
    fromLegacy = message(registry, "icq_to_xmpp");
    bounced = Counter.builder("icq.transport.messages.bounced")
        .description("Messages from Jabber users that were not sent to ICQ (an error went back)").register(registry);
    reconnects = Counter.builder("icq.transport.reconnects")
        .description("Reconnects scheduled").tag("link", "oscar").register(registry);
    registered = registration(registry, "register");
    unregistered = registration(registry, "unregister");
  }

  private static Counter message(MeterRegistry registry, String direction) {
    return Counter.builder("icq.transport.messages")
        .description("Chat messages relayed").tag("direction", direction).register(registry);
  }

  private static Counter registration(MeterRegistry registry, String action) {
    return Counter.builder("icq.transport.registrations")
        .description("Registrations and unregistrations (XEP-0100)").tag("action", action).register(registry);
  }

  /** How many users' bridges are in {@code state} now (0 for OFFLINE, which is not counted). */
  public int sessions(SessionState state) {
    AtomicInteger count = sessions.get(state);
    return count == null ? 0 : count.get();
  }

  @Override
  public void sessionStateChanged(SessionState from, SessionState to) {
    AtomicInteger left = sessions.get(from);
    if (left != null) {
      left.decrementAndGet();
    }
    AtomicInteger entered = sessions.get(to);
    if (entered != null) {
      entered.incrementAndGet();
    }
  }

  @Override
  public void loginSucceeded() {
    logins.increment();
  }

  @Override
  public void loginFailed(LoginFailure reason) {
    loginFailures.get(reason).increment();
  }

  @Override
  public void messageToLegacy() {
    toLegacy.increment();
  }

  @Override
  public void messageFromLegacy() {
    fromLegacy.increment();
  }

  @Override
  public void messageBounced() {
    bounced.increment();
  }

  @Override
  public void reconnectScheduled() {
    reconnects.increment();
  }

  @Override
  public void registered() {
    registered.increment();
  }

  @Override
  public void unregistered() {
    unregistered.increment();
  }
}
