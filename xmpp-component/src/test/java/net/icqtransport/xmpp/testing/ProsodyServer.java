package net.icqtransport.xmpp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private Prosody for one test class: its own config, data and log in a temporary folder, listening on
 * free loopback ports, started with {@code prosody -F} and stopped by {@link #close()}. Fails with a clear
 * message when the Debian package {@code prosody} is not installed: end-to-end tests never skip. Runs under
 * {@code timeout}, since Prosody hangs instead of exiting on some configuration errors. Shared with the
 * distribution module's end-to-end tests through this module's test jar.
 */
public final class ProsodyServer implements XmppTestServer {
  public static final String DOMAIN = "localhost";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Path folder;
  private final Path configFile;
  private final int clientPort;
  private final int componentPort;
  private final String componentDomain;
  private final String componentSecret;
  private final List<String> extraComponents = new ArrayList<>();
  private String logLevel = "debug";
  private Process process;

  private ProsodyServer(Path folder, String componentDomain, String componentSecret) throws IOException {
    requireInstalled();
    this.folder = folder;
    this.componentDomain = componentDomain;
    this.componentSecret = componentSecret;
    this.clientPort = freePort();
    this.componentPort = freePort();
    Files.createDirectories(folder.resolve("data"));
    Files.createDirectories(folder.resolve("certs"));
    this.configFile = folder.resolve("prosody.cfg.lua");
    Files.writeString(configFile, config(), StandardCharsets.UTF_8);
  }

  /** Writes the config into {@code folder}; call {@link #start()} after adding users. */
  public static ProsodyServer create(Path folder, String componentDomain, String componentSecret) {
    try {
      return new ProsodyServer(folder, componentDomain, componentSecret);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireInstalled() {
    for (String tool : List.of("/usr/bin/prosody", "/usr/bin/prosodyctl")) {
      if (!Files.isExecutable(Path.of(tool))) {
        throw new IllegalStateException("End-to-end tests need a real Prosody, but " + tool
            + " is missing: install the Debian package 'prosody' (apt-get install -y prosody); .ci/run does this");
      }
    }
  }

  private String config() {
    String dir = folder.toAbsolutePath().toString();
    return String.join("\n",
        "-- Private Prosody for the ICQ transport's end-to-end tests (loopback only).",
        "run_as_root = true",
        "pidfile = \"" + dir + "/prosody.pid\"",
        "data_path = \"" + dir + "/data\"",
        "certificates = \"" + dir + "/certs\"",
        "log = { " + logLevel + " = \"" + dir + "/prosody.log\"; error = \"" + dir + "/prosody.err\" }",
        "interfaces = { \"127.0.0.1\" }",
        "c2s_ports = { " + clientPort + " }",
        "c2s_interfaces = { \"127.0.0.1\" }",
        "component_ports = { " + componentPort + " }",
        "component_interfaces = { \"127.0.0.1\" }",
        "s2s_ports = { }",
        "modules_enabled = { \"roster\"; \"saslauth\"; \"disco\"; \"ping\"; \"posix\"; \"presence\"; \"message\"; \"iq\" }",
        "modules_disabled = { \"s2s\"; \"offline\"; \"tls\" }",
        "c2s_require_encryption = false",
        "allow_unencrypted_plain_auth = true",
        "authentication = \"internal_hashed\"",
        "VirtualHost \"" + DOMAIN + "\"",
        "Component \"" + componentDomain + "\"",
        "  component_secret = \"" + componentSecret + "\"",
        String.join("\n", extraComponents),
        "");
  }

  /**
   * Adds another XEP-0114 component domain on the same component port (before {@link #start()}), e.g. a
   * benchmark's echo component beside the transport.
   */
  public ProsodyServer addComponent(String domain, String secret) {
    extraComponents.add("Component \"" + domain + "\"\n  component_secret = \"" + secret + "\"");
    return rewriteConfig();
  }

  /**
   * Logs at {@code level} ("info", "warn", …) instead of "debug" (before {@link #start()}): at thousands of
   * stanzas per second the debug log costs Prosody's single thread more than the routing.
   */
  public ProsodyServer logLevel(String level) {
    this.logLevel = level;
    return rewriteConfig();
  }

  private ProsodyServer rewriteConfig() {
    try {
      Files.writeString(configFile, config(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Adds a Jabber account {@code user@localhost} (before or while the server runs). */
  @Override
  public void addUser(String user, String password) {
    run(List.of("prosodyctl", "--config", configFile.toString(), "register", user, DOMAIN, password));
  }

  /** Starts Prosody and waits until both listeners accept connections. */
  @Override
  public void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("already running");
    }
    try {
      process = new ProcessBuilder("timeout", "900", "prosody", "--config", configFile.toString(), "-F")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("prosody.out").toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start prosody", e);
    }
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (!(listening(clientPort) && listening(componentPort))) {
      if (!process.isAlive()) {
        throw new IllegalStateException("prosody exited at start with " + process.exitValue() + "; see " + folder);
      }
      if (Instant.now().isAfter(deadline)) {
        stop();
        throw new IllegalStateException("prosody did not listen within " + START_TIMEOUT + "; see " + folder);
      }
      sleep(50);
    }
  }

  /** Stops Prosody (SIGTERM, then SIGKILL after a grace period) and waits for it to exit. */
  @Override
  public void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  @Override
  public int clientPort() {
    return clientPort;
  }

  @Override
  public int componentPort() {
    return componentPort;
  }

  @Override
  public String componentDomain() {
    return componentDomain;
  }

  @Override
  public String componentSecret() {
    return componentSecret;
  }

  public Path folder() {
    return folder;
  }

  /** Prosody's log so far, for failure messages. */
  @Override
  public String log() {
    StringBuilder text = new StringBuilder();
    for (String name : List.of("prosody.log", "prosody.err", "prosody.out")) {
      Path file = folder.resolve(name);
      try {
        if (Files.exists(file)) {
          text.append(Files.readString(file, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        text.append("(cannot read ").append(name).append(": ").append(e).append(")\n");
      }
    }
    return text.toString();
  }

  @Override
  public void close() {
    stop();
  }

  private void run(List<String> command) {
    try {
      Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A port that was free a moment ago on 127.0.0.1. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
