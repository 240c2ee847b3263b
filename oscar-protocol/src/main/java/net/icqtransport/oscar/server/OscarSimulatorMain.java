package net.icqtransport.oscar.server;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link OscarSimulator} until the process is stopped (SIGTERM or Ctrl-C close it cleanly).
 *
 * <pre>
 * --host H                 address to bind (default 127.0.0.1)
 * --port N                 login server port (default 5190; 0 = any free port)
 * --bos-port N             BOS server port (default 0 = any free port)
 * --account UIN:PASSWORD   an account (repeatable; the password may contain ':')
 * --contact OWNER:CONTACT[:NICK[:GROUP]]   a contact in OWNER's server-stored list (repeatable)
 * --echo-bot UIN           an always-online account that echoes channel-1 messages (repeatable)
 * --max-flap-payload N     largest FLAP payload accepted from clients
 * --bart-port N            BART (buddy icon) service port (default 0 = any free port)
 * --require-auth UIN       the account requires authorization (repeatable)
 * --rate-limits on|off|strict   enforce the generous default classes, nothing, or the reference's classes
 * --login-rate-limit N/SECONDS  at most N logins per UIN per SECONDS (error 0x18)
 * --login-rate-limit-ip N/SECONDS  at most N logins per client IP per SECONDS (error 0x1D)
 * --login-lockout COUNT:WINDOW_SECONDS:LOCKOUT_SECONDS   after COUNT logins of one account within WINDOW_SECONDS,
 *                          refuse it (error 0x1D) until LOCKOUT_SECONDS after the last refused attempt
 * --split-flap-start       write each frame's 0x2A start byte in a TCP segment of its own (takes no value)
 * --tls-cert FILE          serve all listeners over TLS with this PEM certificate chain (needs --tls-key)
 * --tls-key FILE           the PEM (PKCS #8) private key of --tls-cert
 * --advertised-host NAME   the host sent in redirects (must be in the TLS certificate; default the bound host)
 * </pre>
 */
public final class OscarSimulatorMain {
  static final int DEFAULT_LOGIN_PORT = 5190;

  private OscarSimulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    run("oscar-simulator", args);
  }

  /**
   * As {@link #main}, calling itself {@code command} in its usage and errors (e.g. {@code icq-transport
   * simulator} when the transport's command line runs it).
   */
  public static void run(String command, String[] args) throws InterruptedException {
    OscarSimulator.Builder builder;
    try {
      builder = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(command + ": " + e.getMessage());
      usage(command, System.err);
      System.exit(2);
      return;
    }
    if (builder == null) {
      usage(command, System.out);
      return;
    }
    OscarSimulator simulator = builder.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      simulator.close();
      stopped.countDown();
    }, "oscar-simulator-shutdown"));
    System.out.println("OSCAR simulator login " + format(simulator.loginAddress().getHostString(),
        simulator.loginAddress().getPort()) + " BOS " + format(simulator.bosAddress().getHostString(),
        simulator.bosAddress().getPort()));
    System.out.flush();
    stopped.await();
  }

  private static String format(String host, int port) {
    return host + ":" + port;
  }

  /** The configured builder, or null if help was asked for. */
  static OscarSimulator.Builder parse(String[] args) {
    OscarSimulator.Builder builder = OscarSimulator.builder().loginPort(DEFAULT_LOGIN_PORT);
    String tlsCert = null;
    String tlsKey = null;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("-h") || option.equals("--help")) {
        return null;
      }
      if (option.equals("--split-flap-start")) {
        builder.splitFlapStart();
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value" : "unknown argument " + option);
      }
      String value = args[++i];
      switch (option) {
        case "--host" -> builder.host(value);
        case "--port" -> builder.loginPort(port(option, value));
        case "--bos-port" -> builder.bosPort(port(option, value));
        case "--max-flap-payload" -> builder.maxFlapPayload(number(option, value));
        case "--echo-bot" -> builder.echoBot(value);
        case "--bart-port" -> builder.bartPort(port(option, value));
        case "--require-auth" -> builder.requireAuthorization(value);
        case "--rate-limits" -> {
          switch (value) {
            case "on" -> builder.rateLimits(true);
            case "off" -> builder.rateLimits(false);
            case "strict" -> builder.strictRateLimits();
            default -> throw new IllegalArgumentException("--rate-limits wants on, off or strict");
          }
        }
        case "--login-rate-limit" -> {
          int[] limit = countPerSeconds(option, value);
          builder.loginRateLimit(limit[0], java.time.Duration.ofSeconds(limit[1]));
        }
        case "--login-rate-limit-ip" -> {
          int[] limit = countPerSeconds(option, value);
          builder.loginRateLimitPerIp(limit[0], java.time.Duration.ofSeconds(limit[1]));
        }
        case "--login-lockout" -> {
          String[] parts = value.split(":", -1);
          if (parts.length != 3) {
            throw new IllegalArgumentException(option + " wants COUNT:WINDOW_SECONDS:LOCKOUT_SECONDS");
          }
          int count = number(option, parts[0]);
          int window = number(option, parts[1]);
          int lockout = number(option, parts[2]);
          if (count < 1 || window < 1 || lockout < 1) {
            throw new IllegalArgumentException(option + " wants positive COUNT:WINDOW_SECONDS:LOCKOUT_SECONDS");
          }
          builder.loginLockout(count, java.time.Duration.ofSeconds(window), java.time.Duration.ofSeconds(lockout));
        }
        case "--account" -> {
          int colon = value.indexOf(':');
          if (colon <= 0) {
            throw new IllegalArgumentException("--account wants UIN:PASSWORD");
          }
          builder.account(value.substring(0, colon), value.substring(colon + 1));
        }
        case "--contact" -> {
          String[] parts = value.split(":", 4);
          if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("--contact wants OWNER:CONTACT[:NICK[:GROUP]]");
          }
          builder.contact(parts[0], parts[1], parts.length > 2 ? parts[2] : null, parts.length > 3 ? parts[3] : null);
        }
        case "--tls-cert" -> tlsCert = value;
        case "--tls-key" -> tlsKey = value;
        case "--advertised-host" -> builder.advertisedHost(value);
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    if (tlsCert != null) {
      builder.tls(new java.io.File(tlsCert), new java.io.File(tlsKey));
    }
    return builder;
  }

  private static int[] countPerSeconds(String option, String value) {
    String[] parts = value.split("/", 2);
    if (parts.length != 2) {
      throw new IllegalArgumentException(option + " wants COUNT/SECONDS");
    }
    int count = number(option, parts[0]);
    int seconds = number(option, parts[1]);
    if (count < 1 || seconds < 1) {
      throw new IllegalArgumentException(option + " wants positive COUNT/SECONDS");
    }
    return new int[] {count, seconds};
  }

  private static int port(String option, String value) {
    int port = number(option, value);
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException(option + " out of range: " + value);
    }
    return port;
  }

  private static int number(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " wants a number: " + value);
    }
  }

  private static void usage(String command, PrintStream out) {
    String indent = " ".repeat("usage: ".length() + command.length() + 1);
    out.println("usage: " + command + " [--host H] [--port N] [--bos-port N] [--account UIN:PASSWORD]...");
    out.println(indent + "[--contact OWNER:CONTACT[:NICK[:GROUP]]]... [--echo-bot UIN]... [--max-flap-payload N]");
    out.println(indent + "[--bart-port N] [--require-auth UIN]... [--rate-limits on|off|strict]");
    out.println(indent + "[--login-rate-limit N/SECONDS] [--login-rate-limit-ip N/SECONDS]");
    out.println(indent + "[--login-lockout COUNT:WINDOW_SECONDS:LOCKOUT_SECONDS] [--split-flap-start]");
  }
}
