package net.icqtransport.distribution.benchmark;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * One shape of load (many users at their highest rate, one user pipelining, a fixed load) compared in
 * alternating rounds: each round runs the echo component and the transport right after each other, in turns
 * first, so that a machine's drift (other work, thermal, caches) falls on both alike. Every figure is the median
 * of the rounds' figures, with their range.
 *
 * @param server the XMPP server's name and version, e.g. "Prosody 0.12"
 * @param shape what the clients did, e.g. "20 users × 10 in flight"
 * @param offeredPerSecond the fixed offered load; 0 for the highest rate (closed loop)
 */
record RelayComparison(String server, String shape, double offeredPerSecond, List<RelayRound> rounds) {

  Spread ratio() {
    return spread(RelayRound::ratio);
  }

  Spread addedP99Millis() {
    return spread(RelayRound::addedP99Millis);
  }

  Spread transportCpuMicrosPerMessage() {
    return spread(RelayRound::transportCpuMicrosPerMessage);
  }

  Spread simulatorCpuMicrosPerMessage() {
    return spread(RelayRound::simulatorCpuMicrosPerMessage);
  }

  Spread echoRate() {
    return spread(r -> r.echo().ratePerSecond());
  }

  Spread relayRate() {
    return spread(r -> r.relay().ratePerSecond());
  }

  Spread echoP99Millis() {
    return spread(r -> r.echo().p99Millis());
  }

  Spread relayP99Millis() {
    return spread(r -> r.relay().p99Millis());
  }

  Spread serverCpuMicrosPerMessageEcho() {
    return spread(RelayRound::serverCpuMicrosPerMessageEcho);
  }

  Spread serverCpuMicrosPerMessageRelay() {
    return spread(RelayRound::serverCpuMicrosPerMessageRelay);
  }

  /** Every message of every round came back, in order, without an error. */
  boolean complete() {
    return !rounds.isEmpty() && rounds.stream().allMatch(RelayRound::complete);
  }

  long sent() {
    return rounds.stream().mapToLong(r -> r.echo().sent() + r.relay().sent()).sum();
  }

  long lost() {
    return rounds.stream().mapToLong(r -> r.echo().lost() + r.relay().lost()).sum();
  }

  long outOfOrder() {
    return rounds.stream().mapToLong(r -> r.echo().outOfOrder() + r.relay().outOfOrder()).sum();
  }

  long errors() {
    return rounds.stream().mapToLong(r -> r.echo().errors() + r.relay().errors()).sum();
  }

  /** All rounds' latencies of the echo component's runs in one histogram (µs). */
  Histogram echoLatency() {
    return merged(true);
  }

  /** All rounds' latencies of the transport's runs in one histogram (µs). */
  Histogram relayLatency() {
    return merged(false);
  }

  private Histogram merged(boolean echo) {
    Histogram all = new Histogram(60_000_000L, 3);
    for (RelayRound round : rounds) {
      all.add((echo ? round.echo() : round.relay()).latencyMicros());
    }
    return all;
  }

  private Spread spread(ToDoubleFunction<RelayRound> figure) {
    return Spread.of(rounds.stream().map(r -> figure.applyAsDouble(r)).toList());
  }
}
