package net.icqtransport.distribution.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.icqtransport.oscar.server.OscarSimulator;

/**
 * The OSCAR simulator in a process of its own, so that the transport's heap, RSS and CPU are measured alone.
 * Accounts {@code uin(0..n-1)} with {@code password(i)}; optionally a per-IP login rate limit. The child prints
 * its login port and ends when its standard input closes (so it never outlives the benchmark).
 */
final class SimulatorProcess implements AutoCloseable {
  static final int UIN_BASE = 500_000;

  private final Process process;
  private final int loginPort;

  private SimulatorProcess(Process process, int loginPort) {
    this.process = process;
    this.loginPort = loginPort;
  }

  static String uin(int i) {
    return String.valueOf(UIN_BASE + i);
  }

  static String password(int i) {
    return "pw" + i;
  }

  /**
   * @param ipLoginLimit logins per client IP per second; 0 for none
   */
  static SimulatorProcess start(int accounts, int ipLoginLimit, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g", "-XX:+UseParallelGC",
        "-cp", System.getProperty("java.class.path"), SimulatorProcess.class.getName(),
        String.valueOf(accounts), String.valueOf(ipLoginLimit)));
    Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    while (line != null && !line.startsWith("login-port ")) {
      line = out.readLine(); // logback's start-up notes
    }
    if (line == null || !line.startsWith("login-port ")) {
      process.destroyForcibly();
      throw new IOException("the simulator process did not start: " + line + " (see " + log + ")");
    }
    Thread drain = new Thread(() -> {
      try {
        while (out.readLine() != null) {
          // keep the pipe from filling up
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "simulator-stdout");
    drain.setDaemon(true);
    drain.start();
    return new SimulatorProcess(process, Integer.parseInt(line.substring("login-port ".length()).trim()));
  }

  int loginPort() {
    return loginPort;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  public static void main(String[] args) throws IOException {
    int accounts = Integer.parseInt(args[0]);
    int ipLoginLimit = Integer.parseInt(args[1]);
    OscarSimulator.Builder builder = OscarSimulator.builder().rateLimits(false);
    for (int i = 0; i < accounts; i++) {
      builder.account(uin(i), password(i));
    }
    if (ipLoginLimit > 0) {
      builder.loginRateLimitPerIp(ipLoginLimit, Duration.ofSeconds(1));
    }
    try (OscarSimulator simulator = builder.start()) {
      System.out.println("login-port " + simulator.loginAddress().getPort());
      System.out.flush();
      while (System.in.read() >= 0) {
        // runs until the parent closes our standard input
      }
    }
  }
}
