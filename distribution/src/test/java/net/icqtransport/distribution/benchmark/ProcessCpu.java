package net.icqtransport.distribution.benchmark;

import java.time.Duration;
import java.util.List;

/**
 * The CPU time (user + system) a process and its children have used, as the operating system counts it
 * ({@link ProcessHandle.Info#totalCpuDuration()}; on Linux from {@code /proc/PID/stat}), so that the transport's
 * cost per message can be told from the simulator's and the XMPP server's, each in a process of its own.
 */
final class ProcessCpu {
  private ProcessCpu() {}

  /** The CPU time {@code process} has used so far; zero once it is gone. */
  static Duration of(ProcessHandle process) {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** The CPU time all of {@code processes} have used so far (e.g. ejabberd's wrapper, its shell and beam.smp). */
  static Duration of(List<ProcessHandle> processes) {
    Duration total = Duration.ZERO;
    for (ProcessHandle process : processes) {
      total = total.plus(of(process));
    }
    return total;
  }
}
