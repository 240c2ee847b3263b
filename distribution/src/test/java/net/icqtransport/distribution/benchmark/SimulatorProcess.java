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
 * The OSCAR simulator in a process of its own, so that the transport's heap, RSS and CPU are measured alone and
 * the simulator's CPU can be told from the transport's ({@link #cpu()}). Accounts {@code uin(0..n-1)} with
 * {@code password(i)}; optionally a per-IP login rate limit and an ICQ echo bot. The child prints its login port
 * and ends when its standard input closes (so it never outlives the benchmark); asked with a line on its
 * standard input it answers: {@code online}, how many of its accounts are signed on ({@link #onlineSessions()});
 * {@code refused}, how many logins it refused for its rate limits ({@link #refusedLogins()}).
 */
final class SimulatorProcess implements AutoCloseable {
  static final int UIN_BASE = 500_000;

  private static final String ONLINE = "online";
  private static final String REFUSED = "refused";
  private static final String LIMIT = "limit";
  /** No echo bot: the argument the child reads. */
  private static final String NONE = "-";

  private final Process process;
  private final int loginPort;
  /** The child's answers to its requests, one line each ("online 12"), read from its standard output. */
  private final BlockingQueue<String> answers;

  private SimulatorProcess(Process process, int loginPort, BlockingQueue<String> answers) {
    this.process = process;
    this.loginPort = loginPort;
    this.answers = answers;
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
    return start(accounts, ipLoginLimit, null, log);
  }

  /**
   * @param ipLoginLimit logins per client IP per second; 0 for none
   * @param echoBot the UIN of an always-online account that answers every message with its text; null for none
   */
  static SimulatorProcess start(int accounts, int ipLoginLimit, String echoBot, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g", "-XX:+UseZGC", "-Xlog:gc:file=" + log.resolveSibling("simulator-gc.log"),
        "-Dlogback.configurationFile=" + TransportProcess.SHIPPED_LOGGING,
        "-cp", System.getProperty("java.class.path"), SimulatorProcess.class.getName(),
        String.valueOf(accounts), String.valueOf(ipLoginLimit), echoBot == null ? NONE : echoBot));
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
    BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    Thread drain = new Thread(() -> {
      try {
        String next;
        while ((next = out.readLine()) != null) { // also keeps the pipe from filling up
          if (next.startsWith(ONLINE + " ") || next.startsWith(REFUSED + " ") || next.startsWith(LIMIT + " ")) {
            answers.add(next);
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "simulator-stdout");
    drain.setDaemon(true);
    drain.start();
    return new SimulatorProcess(process, Integer.parseInt(line.substring("login-port ".length()).trim()),
        answers);
  }

  int loginPort() {
    return loginPort;
  }

  /** How many of the simulator's accounts have a signed-on session now (past client-ready, SNAC 01/02). */
  int onlineSessions() throws IOException, InterruptedException {
    return ask(ONLINE);
  }

  /** How many logins of its accounts the simulator refused for its rate limits so far (errors 0x0018, 0x001D). */
  int refusedLogins() throws IOException, InterruptedException {
    return ask(REFUSED);
  }

  /** Changes the per-IP login limit to {@code perSecond} (≥ 1) logins in any second, at once. */
  void loginLimitPerSecond(int perSecond) throws IOException, InterruptedException {
    if (ask(LIMIT + " " + perSecond) != perSecond) {
      throw new IOException("the simulator did not take the limit " + perSecond);
    }
  }

  /** The CPU time the simulator's process has used so far. */
  Duration cpu() {
    return ProcessCpu.of(process.toHandle());
  }

  private synchronized int ask(String request) throws IOException, InterruptedException {
    OutputStream in = process.getOutputStream();
    in.write((request + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
    String answer = answers.poll(30, TimeUnit.SECONDS);
    String verb = request.split(" ", 2)[0];
    if (answer == null || !answer.startsWith(verb + " ")) {
      throw new IOException("the simulator process did not answer " + request + ": " + answer);
    }
    return Integer.parseInt(answer.substring(verb.length() + 1).trim());
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
    OscarSimulator.Builder builder = OscarSimulator.builder().rateLimits(false).eventLoops(1);
    if (!args[2].equals(NONE)) {
      builder.echoBot(args[2]);
    }
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
        } else if (request.startsWith(LIMIT + " ")) {
          int perSecond = Integer.parseInt(request.substring(LIMIT.length() + 1).trim());
          simulator.loginRateLimitPerIp(perSecond, Duration.ofSeconds(1));
          System.out.println(LIMIT + " " + perSecond);
          System.out.flush();
        } else if (request.equals(REFUSED)) {
          int refused = 0;
          for (int i = 0; i < accounts; i++) {
            refused += simulator.refusedLogins(uin(i));
          }
          System.out.println(REFUSED + " " + refused);
          System.out.flush();
        }
      }
    }
  }
}
