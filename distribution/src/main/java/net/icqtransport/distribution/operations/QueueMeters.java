package net.icqtransport.distribution.operations;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import net.icqtransport.core.bridge.LoginPacer;
import net.icqtransport.oscar.icq.IcqNetwork;
import net.icqtransport.xmpp.TransportComponent;

/**
 * The meters read from the running parts when scraped: whether the component is connected to the XMPP server
 * ({@code icq_transport_xmpp_connected}, 1 or 0), the component's stanza backlogs
 * ({@code icq_transport_component_backlog{direction}}), its reconnects to the XMPP server
 * ({@code icq_transport_reconnects_total{link="xmpp"}}, connections after the first), and the OSCAR rate
 * limiters (SNAC(01,07)/(01,0A)): SNACs waiting, summed over the sessions
 * ({@code icq_transport_oscar_rate_queue}), and SNACs that had to wait ({@code icq_transport_oscar_rate_waits_total});
 * and the rate the login pacer starts logins at now, as learned from the login server
 * ({@code icq_transport_oscar_login_rate}, logins per second).
 */
public final class QueueMeters {
  private QueueMeters() {}

  /** Registers the meters of {@code component}, {@code network} and {@code loginPacer} in {@code registry}. */
  public static void bind(MeterRegistry registry, TransportComponent component, IcqNetwork network,
      LoginPacer loginPacer) {
    Gauge.builder("icq.transport.xmpp.connected", component, c -> c.isConnected() ? 1 : 0)
        .description("1 while the component is connected to the XMPP server, else 0 (GET /health says why)")
        .register(registry);
    Gauge.builder("icq.transport.component.backlog", component, TransportComponent::inboundBacklog)
        .description("Stanzas waiting in the component").tag("direction", "inbound").register(registry);
    Gauge.builder("icq.transport.component.backlog", component, TransportComponent::outboundBacklog)
        .description("Stanzas waiting in the component").tag("direction", "outbound").register(registry);
    FunctionCounter.builder("icq.transport.reconnects", component, c -> Math.max(0, c.connectionCount() - 1))
        .description("Reconnects scheduled").tag("link", "xmpp").register(registry);
    Gauge.builder("icq.transport.oscar.rate.queue", network, n -> n.rateStatistics().queued())
        .description("SNACs waiting for the OSCAR servers' rate limits, all sessions").register(registry);
    FunctionCounter.builder("icq.transport.oscar.rate.waits", network, n -> n.rateStatistics().waits())
        .description("SNACs that had to wait for the OSCAR servers' rate limits").register(registry);
    Gauge.builder("icq.transport.oscar.login.rate", loginPacer, LoginPacer::loginsPerSecond)
        .description("Logins per second the transport paces logins at now, learned from the login server's"
            + " rate-limit refusals").register(registry);
  }
}
