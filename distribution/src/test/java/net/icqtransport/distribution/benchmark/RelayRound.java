package net.icqtransport.distribution.benchmark;

import java.time.Duration;

/**
 * One round of a relay comparison: the same clients through the same XMPP server, once to the echo component
 * and once through the transport to the ICQ echo bot, one right after the other, with the CPU time each process
 * used in the measured window of the transport's run.
 *
 * @param echo the run to the echo component (the limit)
 * @param relay the run through the transport
 * @param transportCpu CPU time of the transport's process in the relay run's measured window
 * @param simulatorCpu CPU time of the OSCAR simulator's process (with the echo bot) in the same window
 * @param serverCpuRelay CPU time of the XMPP server's processes in the same window
 * @param serverCpuEcho CPU time of the XMPP server's processes in the echo run's measured window
 * @param window how long each measured window lasted
 */
record RelayRound(ChatLoad.Outcome echo, ChatLoad.Outcome relay, Duration transportCpu, Duration simulatorCpu,
    Duration serverCpuRelay, Duration serverCpuEcho, Duration window) {

  /** Answers through the transport per second over answers from the echo component per second. */
  double ratio() {
    return relay.ratePerSecond() / echo.ratePerSecond();
  }

  /** The transport's p99 latency minus the echo component's, in milliseconds. */
  double addedP99Millis() {
    return relay.p99Millis() - echo.p99Millis();
  }

  /** Transport process CPU time per message relayed (in from XMPP, to ICQ, back, out to XMPP), in µs. */
  double transportCpuMicrosPerMessage() {
    return perMessage(transportCpu, relay);
  }

  double simulatorCpuMicrosPerMessage() {
    return perMessage(simulatorCpu, relay);
  }

  /** The XMPP server's CPU per message answered, through the transport (two routes per message each way). */
  double serverCpuMicrosPerMessageRelay() {
    return perMessage(serverCpuRelay, relay);
  }

  double serverCpuMicrosPerMessageEcho() {
    return perMessage(serverCpuEcho, echo);
  }

  boolean complete() {
    return echo.complete() && relay.complete();
  }

  private double perMessage(Duration cpu, ChatLoad.Outcome outcome) {
    double messages = outcome.ratePerSecond() * (window.toNanos() / 1e9);
    return messages == 0 ? Double.NaN : cpu.toNanos() / 1e3 / messages;
  }
}
