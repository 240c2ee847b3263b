package net.icqtransport.distribution.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.icqtransport.oscar.server.OscarSimulator;

/**
 * The OSCAR simulator in a process of its own, so that the transport's heap, RSS and CPU are measured alone.
 * Accounts {@code uin(0..n-1)} with {@code password(i)}; optionally a per-IP login rate limit. The child prints
 * its login port and ends when its standard input closes (so it never outlives the benchmark); asked with the
 * line {@code online} on its standard input, it answers how many of its accounts are signed on
 * ({@link #onlineSessions()}).
 */
final class SimulatorProcess implements AutoCloseable {
  static final int UIN_BASE = 500_000;

  private static final String ONLINE = "online";

  private final Process process;
  private final int loginPort;
  /** The child's answers to {@link #ONLINE}, read from its standard output. */
  private final BlockingQueue<Integer> onlineAnswers;

  private SimulatorProcess(Process process, int loginPort, BlockingQueue<Integer> onlineAnswers) {
    this.process = process;
    this.loginPort = loginPort;
    this.onlineAnswers = onlineAnswers;
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
    BlockingQueue<Integer> onlineAnswers = new LinkedBlockingQueue<>();
    Thread drain = new Thread(() -> {
      try {
        String next;
        while ((next = out.readLine()) != null) { // also keeps the pipe from filling up
          if (next.startsWith(ONLINE + " ")) {
            onlineAnswers.add(Integer.parseInt(next.substring(ONLINE.length() + 1).trim()));
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "simulator-stdout");
    drain.setDaemon(true);
    drain.start();
    return new SimulatorProcess(process, Integer.parseInt(line.substring("login-port ".length()).trim()),
        onlineAnswers);
  }

  int loginPort() {
    return loginPort;
  }

  /** How many of the simulator's accounts have a signed-on session now (past client-ready, SNAC 01/02). */
  synchronized int onlineSessions() throws IOException, InterruptedException {
    OutputStream in = process.getOutputStream();
    in.write((ONLINE + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
    Integer answer = onlineAnswers.poll(30, TimeUnit.SECONDS);
    if (answer == null) {
      throw new IOException("the simulator process did not say how many sessions it has");
    }
    return answer;
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
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String request;
      while ((request = in.readLine()) != null) { // runs until the parent closes our standard input
        if (request.equals(ONLINE)) {
          int online = 0;
          for (int i = 0; i < accounts; i++) {
            if (simulator.isOnline(uin(i))) {
              online++;
            }
          }
          System.out.println(ONLINE + " " + online);
          System.out.flush();
        }
      }
    }
  }
}
