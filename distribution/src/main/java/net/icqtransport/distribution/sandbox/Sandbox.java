package net.icqtransport.distribution.sandbox;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import net.icqtransport.distribution.TransportApplication;
import net.icqtransport.distribution.config.TransportConfig;
import net.icqtransport.oscar.server.OscarSimulator;
import net.icqtransport.xmpp.server.PrivateProsody;
import net.icqtransport.xmpp.server.ProsodyPortTakenException;

/**
 * Everything needed to try the transport on one machine, on loopback only: a private Prosody with the Jabber
 * account {@value #USER}@localhost, the OSCAR simulator with the demo ICQ accounts {@value #UIN}
 * and {@value #OTHER_UIN} (each in the other's contact list) and the echo bot {@value #ECHO_BOT}, and the
 * transport ({@value #COMPONENT}) wired to both. {@link #close()} stops all three, transport first.
 *
 * <p>One sandbox per folder ({@link SandboxLock}): a second one refuses before it reads or writes anything
 * there. The Jabber password is kept in {@value #PASSWORD_FILE} in the folder, so it stays the same from one
 * start to the next. Every port it prints is held by the sandbox itself ({@link SandboxPorts}), else it stops.
 */
public final class Sandbox implements AutoCloseable {
  public static final String USER = "demo";
  public static final String UIN = "100001";
  public static final String ICQ_PASSWORD = "demo1";
  public static final String OTHER_UIN = "100002";
  public static final String OTHER_ICQ_PASSWORD = "demo2";
  public static final String ECHO_BOT = "100003";
  public static final String COMPONENT = "icq.localhost";
  /** The upper bound of the sandbox Prosody's life (the timeout guard against a hanging Prosody). */
  private static final Duration PROSODY_LIFETIME = Duration.ofDays(1);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  /** The file in the sandbox folder that keeps the Jabber password of {@value #USER}@localhost. */
  public static final String PASSWORD_FILE = "demo-password";

  /**
   * Where and on which ports (0: a free one) the sandbox runs.
   *
   * @param password the Jabber password of {@value #USER}@localhost, kept for later starts; null for the kept one
   *     (a random one, generated and kept, at the first start)
   * @param verbose the transport logs at INFO (else only warnings, to keep the instructions readable)
   */
  public record Options(Path folder, int clientPort, int componentPort, int oscarPort, int httpPort, String password,
      boolean verbose) {}

  private final Options options;
  private final SandboxLock lock;
  private String password;
  private OscarSimulator simulator;
  private PrivateProsody prosody;
  private TransportApplication transport;

  private Sandbox(Options options, SandboxLock lock) {
    this.options = options;
    this.lock = lock;
  }

  /**
   * Starts the simulator, Prosody and the transport and waits until the transport is connected; stops what
   * it started if a step fails.
   *
   * @throws SandboxRefusedException when another sandbox runs in the folder (then nothing was touched) or a
   *     port is held by another program
   * @throws IllegalStateException when Prosody is missing or a part does not come up
   */
  public static Sandbox start(Options options) throws InterruptedException {
    Sandbox sandbox = new Sandbox(options, SandboxLock.acquire(options.folder()));
    try {
      sandbox.startAll();
      return sandbox;
    } catch (RuntimeException | Error | InterruptedException e) {
      sandbox.close(); // an Error too: a Prosody left behind would run for a day
      throw e;
    }
  }

  private void startAll() throws InterruptedException {
    password = keptPassword(options.folder(), options.password());
    SandboxPorts.requireFree(options.oscarPort(), "the OSCAR simulator's login port", "--oscar-port");
    SandboxPorts.requireFree(options.httpPort(), "the transport's metrics and health", "--http-port");
    simulator = OscarSimulator.builder()
        .host("127.0.0.1")
        .loginPort(options.oscarPort())
        .account(UIN, ICQ_PASSWORD)
        .account(OTHER_UIN, OTHER_ICQ_PASSWORD)
        .contact(UIN, OTHER_UIN, "Demo Two", "Demo")
        .contact(UIN, ECHO_BOT, "Echo bot", "Demo")
        .contact(OTHER_UIN, UIN, "Demo One", "Demo")
        .contact(OTHER_UIN, ECHO_BOT, "Echo bot", "Demo")
        .echoBot(ECHO_BOT)
        .details(ECHO_BOT, "Echo bot", "Echo", "Bot", "", "", 0, 0, 0, "I repeat what you say.", "", false)
        .start();
    String secret = randomHex(16);
    prosody = PrivateProsody.create(options.folder().resolve("prosody"), COMPONENT, secret, options.clientPort(),
        options.componentPort(), PROSODY_LIFETIME);
    prosody.addUser(USER, password);
    try {
      prosody.start();
    } catch (ProsodyPortTakenException e) {
      throw SandboxPorts.takenFromProsody(e.port(), describeProsodyPort(e.port()), optionOfProsodyPort(e.port()));
    }
    SandboxPorts.requireHeldBy(prosody, prosody.clientPort(), describeProsodyPort(prosody.clientPort()),
        optionOfProsodyPort(prosody.clientPort()));
    SandboxPorts.requireHeldBy(prosody, prosody.componentPort(), describeProsodyPort(prosody.componentPort()),
        optionOfProsodyPort(prosody.componentPort()));
    Map<String, Object> settings = new HashMap<>();
    settings.put("icq-transport.xmpp.port", prosody.componentPort());
    settings.put("icq-transport.xmpp.domain", COMPONENT);
    settings.put("icq-transport.xmpp.secret", secret);
    settings.put("icq-transport.oscar.login-port", simulator.loginAddress().getPort());
    settings.put("icq-transport.database.file",
        options.folder().resolve("data/registrations").toAbsolutePath().toString());
    settings.put("icq-transport.http.port", options.httpPort());
    settings.put("icq-transport.logging.levels.\"net.icqtransport\"", options.verbose() ? "INFO" : "WARN");
    transport = TransportApplication.start(TransportConfig.from(ConfigFactory.parseMap(settings)));
    if (!transport.awaitConnected(CONNECT_TIMEOUT)) {
      throw new IllegalStateException("the transport did not connect to the sandbox Prosody within "
          + CONNECT_TIMEOUT + "; see " + prosody.folder());
    }
  }

  private String describeProsodyPort(int port) {
    return port == prosody.clientPort() ? "Jabber clients" : "the transport's component link";
  }

  private String optionOfProsodyPort(int port) {
    return port == prosody.clientPort() ? "--client-port" : "--component-port";
  }

  /** What to do next, for the person at the terminal. */
  public String instructions() {
    String http = transport.httpPort().isPresent()
        ? "  Metrics: http://127.0.0.1:" + transport.httpPort().getAsInt() + "/metrics   Health: http://127.0.0.1:"
            + transport.httpPort().getAsInt() + "/health\n"
        : "";
    return String.join("\n",
        "",
        "ICQ transport sandbox is running (everything on 127.0.0.1; files in " + options.folder().toAbsolutePath() + ").",
        "Ports: Jabber clients " + prosody.clientPort() + ", component link " + prosody.componentPort()
            + ", OSCAR simulator " + simulator.loginAddress().getPort()
            + transport.httpPort().stream().mapToObj(port -> ", metrics and health " + port).findFirst().orElse("")
            + " (free ones unless chosen with --client-port, --component-port, --oscar-port, --http-port).",
        "",
        "1. Log in with any Jabber client (Gajim, Psi+, Dino, Conversations...):",
        "     server 127.0.0.1, port " + prosody.clientPort() + ", user " + USER + "@localhost, password " + password,
        "     (the password is kept in " + passwordFile(options.folder()) + " for the next start;",
        "     choose your own with --demo-password)",
        "     TLS/encryption off (plain connection on loopback; allow plain-text authentication if asked).",
        "2. Discover services on localhost (or open " + COMPONENT + ") and register with the ICQ transport:",
        "     UIN " + UIN + ", password " + ICQ_PASSWORD + "   (the other demo account: " + OTHER_UIN + " / "
            + OTHER_ICQ_PASSWORD + ")",
        "   Accept the transport's subscription request; your ICQ contacts then appear in your roster.",
        "3. Chat with the echo bot " + ECHO_BOT + "@" + COMPONENT + ": it answers with what you send.",
        "",
        http + "Press Ctrl-C to stop everything.",
        "");
  }

  public int clientPort() {
    return prosody.clientPort();
  }

  public String user() {
    return USER;
  }

  public String password() {
    return password;
  }

  public OscarSimulator simulator() {
    return simulator;
  }

  public PrivateProsody prosody() {
    return prosody;
  }

  public TransportApplication transport() {
    return transport;
  }

  /**
   * Stops the transport (signing everyone off), then Prosody, then the simulator, then frees the folder for
   * the next sandbox; safe to call twice.
   */
  @Override
  public synchronized void close() {
    if (transport != null) {
      transport.close();
      transport = null;
    }
    if (prosody != null) {
      prosody.close();
    }
    if (simulator != null) {
      simulator.close();
    }
    lock.close();
  }

  /** Where the Jabber password of {@value #USER}@localhost is kept. */
  public static Path passwordFile(Path folder) {
    return folder.toAbsolutePath().resolve(PASSWORD_FILE);
  }

  /**
   * The password kept in the folder: {@code chosen} when given (kept from now on), else the one kept before,
   * else a new random one (kept). The file is readable by its owner only.
   */
  private static String keptPassword(Path folder, String chosen) {
    Path file = passwordFile(folder);
    try {
      if (chosen == null && Files.isRegularFile(file)) {
        String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!kept.isEmpty()) {
          return kept;
        }
      }
      if (chosen != null && (chosen.isEmpty() || !chosen.equals(chosen.strip()) || chosen.lines().count() > 1)) {
        throw new SandboxRefusedException(
            "--demo-password must be one line of text without spaces at its ends, and not empty.");
      }
      String password = chosen != null ? chosen : randomHex(6);
      Files.deleteIfExists(file);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
      return password;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the demo password in " + file, e);
    }
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
