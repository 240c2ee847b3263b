package net.icqtransport.xmpp.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A private Prosody (Debian package {@code prosody}, 0.12): its own config, data, pid and log files in one
 * folder, listening on loopback only, c2s without TLS, an XEP-0114 component listener with one component.
 * Started with {@code prosody --config FILE -F} under {@code timeout}, because Prosody hangs instead of exiting
 * on some configuration errors (e.g. as root without {@code run_as_root}). Used by {@code icq-transport sandbox}
 * and by the tests' {@code ProsodyServer}; the system's Prosody service and config are never touched.
 */
public final class PrivateProsody implements AutoCloseable {
  /** The virtual host of the Jabber users. */
  public static final String DOMAIN = "localhost";
  public static final List<String> TOOLS = List.of("/usr/bin/prosody", "/usr/bin/prosodyctl");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  /** The upper bound on the lifetime of the process, a guard against a hanging Prosody (seconds). */
  private final long lifetimeSeconds;
  private final Path folder;
  private final Path configFile;
  private final int clientPort;
  private final int componentPort;
  private final String componentDomain;
  private final String componentSecret;
  private Process process;
  private final List<String> extraComponents = new java.util.ArrayList<>();
  private String logLevel = "debug";
  /** XEP-0363 upload service (mod_http_file_share), when enabled: its HTTP port and size limit. */
  private int httpPort;
  private long fileShareSizeLimit;
  /** Whether mod_privilege grants the component XEP-0356 privileges ({@link #enablePrivilege}). */
  private boolean privileged;

  private PrivateProsody(Path folder, String componentDomain, String componentSecret, int clientPort,
      int componentPort, long lifetimeSeconds) throws IOException {
    requireInstalled();
    this.folder = folder.toAbsolutePath();
    this.componentDomain = componentDomain;
    this.componentSecret = componentSecret;
    this.clientPort = clientPort == 0 ? freePort() : clientPort;
    this.componentPort = componentPort == 0 ? freePort() : componentPort;
    this.lifetimeSeconds = lifetimeSeconds;
    Files.createDirectories(this.folder.resolve("data"));
    Files.createDirectories(this.folder.resolve("certs")); // `prosodyctl check` wants it, even empty
    this.configFile = this.folder.resolve("prosody.cfg.lua");
    Files.writeString(configFile, config(), StandardCharsets.UTF_8);
  }

  /**
   * Writes the config into {@code folder}; call {@link #start()} after adding users.
   *
   * @param clientPort the c2s port, 0 for a free one
   * @param componentPort the XEP-0114 port, 0 for a free one
   * @param lifetime how long the process may live at most (the {@code timeout} guard)
   * @throws IllegalStateException naming the package when Prosody is not installed
   */
  public static PrivateProsody create(Path folder, String componentDomain, String componentSecret, int clientPort,
      int componentPort, Duration lifetime) {
    try {
      return new PrivateProsody(folder, componentDomain, componentSecret, clientPort, componentPort,
          lifetime.toSeconds());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the Debian package's {@code prosody} and {@code prosodyctl} are there. */
  public static boolean isInstalled() {
    return TOOLS.stream().allMatch(tool -> Files.isExecutable(Path.of(tool)));
  }

  private static void requireInstalled() {
    for (String tool : TOOLS) {
      if (!Files.isExecutable(Path.of(tool))) {
        throw new IllegalStateException("A private Prosody is needed, but " + tool + " is missing: install the "
            + "Debian package 'prosody' (as root: apt-get update && apt-get install -y prosody)");
      }
    }
  }

  /**
   * The global settings of the XEP-0114 component listener. The Prosody guide (docs/guide-prosody.md) shows
   * exactly this text with its example values; a test holds the two together.
   */
  public static String componentListener(String interfaceAddress, int port) {
    return "component_ports = { " + port + " }\n"
        + "component_interfaces = { \"" + interfaceAddress + "\" }\n";
  }

  /** The component section for the transport's domain (XEP-0114 §3; shown in docs/guide-prosody.md). */
  public static String componentDeclaration(String componentDomain, String secret) {
    return "Component \"" + componentDomain + "\"\n"
        + "  component_secret = \"" + secret + "\"\n";
  }

  /** The upload component's domain when {@link #enableHttpFileShare} was called. */
  public static final String UPLOAD_DOMAIN = "upload." + DOMAIN;

  /**
   * Adds Prosody 0.12's XEP-0363 service: {@code Component "upload.localhost" "http_file_share"} with the size
   * limit, HTTP on a free loopback port ({@code http_ports}, no HTTPS), URLs on 127.0.0.1. The component's own
   * domain may request slots: mod_http_file_share lets every host of this Prosody upload while
   * {@code http_file_share_access} is unset. Call before {@link #start()}.
   */
  public synchronized PrivateProsody enableHttpFileShare(long sizeLimit) {
    this.httpPort = freePort();
    this.fileShareSizeLimit = sizeLimit;
    try {
      Files.writeString(configFile, config(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * Adds another XEP-0114 component domain on the same component port (before {@link #start()}), e.g. a
   * benchmark's echo component beside the transport.
   */
  public synchronized PrivateProsody addComponent(String domain, String secret) {
    extraComponents.add(componentDeclaration(domain, secret));
    return rewriteConfig();
  }

  /**
   * Logs at {@code level} ("info", "warn", …) instead of "debug" (before {@link #start()}): at thousands of
   * stanzas per second the debug log costs Prosody's single thread more than the routing.
   */
  public synchronized PrivateProsody logLevel(String level) {
    this.logLevel = level;
    return rewriteConfig();
  }

  private PrivateProsody rewriteConfig() {
    try {
      Files.writeString(configFile, config(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * Loads Debian's mod_privilege on the user host and the component and grants the component roster both,
   * message outgoing (XEP-0356 §4.1; the text is {@link ProsodyPrivilege}'s). Call before
   * {@link #start()}.
   *
   * @throws IllegalStateException naming the package {@code prosody-modules} when the module is missing
   */
  public synchronized PrivateProsody enablePrivilege() {
    return enablePrivilege(ProsodyPrivilege.MODULE_FILE);
  }

  /** As {@link #enablePrivilege()}, with the module expected at {@code moduleFile} (a test's missing file). */
  synchronized PrivateProsody enablePrivilege(Path moduleFile) {
    ProsodyPrivilege.requireModule(moduleFile);
    this.privileged = true;
    return rewriteConfig();
  }

  /** The HTTP port of the upload service (0 unless enabled). */
  public int httpPort() {
    return httpPort;
  }

  /** The global HTTP settings and the upload component (see {@link #enableHttpFileShare}). */
  public static String httpFileShare(String interfaceAddress, int port, long sizeLimit) {
    return "http_ports = { " + port + " }\n"
        + "http_interfaces = { \"" + interfaceAddress + "\" }\n"
        + "https_ports = { }\n"
        + "http_default_host = \"" + UPLOAD_DOMAIN + "\"\n"
        + "http_external_url = \"http://" + interfaceAddress + ":" + port + "/\"\n"
        + "Component \"" + UPLOAD_DOMAIN + "\" \"http_file_share\"\n"
        + "  http_file_share_size_limit = " + sizeLimit + "\n";
  }

  private String config() {
    String dir = folder.toString();
    return String.join("\n",
        "-- Private Prosody for the ICQ transport (loopback only), written by PrivateProsody.",
        isRoot() ? "run_as_root = true" : "-- not root: run_as_root not needed",
        "pidfile = \"" + dir + "/prosody.pid\"",
        "data_path = \"" + dir + "/data\"",
        "certificates = \"" + dir + "/certs\"",
        "log = { " + logLevel + " = \"" + dir + "/prosody.log\"; error = \"" + dir + "/prosody.err\" }",
        "interfaces = { \"127.0.0.1\" }",
        "c2s_ports = { " + clientPort + " }",
        "c2s_interfaces = { \"127.0.0.1\" }",
        "s2s_ports = { }",
        "modules_enabled = { \"roster\"; \"saslauth\"; \"disco\"; \"ping\"; \"posix\"; \"presence\"; \"message\"; \"iq\" }",
        "modules_disabled = { \"s2s\"; \"offline\"; \"tls\" }",
        "c2s_require_encryption = false",
        "allow_unencrypted_plain_auth = true",
        "authentication = \"internal_hashed\"",
        componentListener("127.0.0.1", componentPort),
        httpPort == 0 ? "" : httpFileShare("127.0.0.1", httpPort, fileShareSizeLimit).lines()
            .filter(line -> line.startsWith("http") && !line.startsWith("http_file")).collect(
                java.util.stream.Collectors.joining("\n")),
        privileged ? ProsodyPrivilege.virtualHost(DOMAIN, componentDomain) : "VirtualHost \"" + DOMAIN + "\"",
        httpPort == 0 ? "" : "  disco_items = { { \"" + UPLOAD_DOMAIN + "\", \"file upload\" } }",
        "",
        privileged ? ProsodyPrivilege.component(componentDomain, componentSecret)
            : componentDeclaration(componentDomain, componentSecret),
        String.join("\n", extraComponents),
        httpPort == 0 ? "" : httpFileShare("127.0.0.1", httpPort, fileShareSizeLimit).lines()
            .filter(line -> line.startsWith("Component") || line.startsWith("  http_file")).collect(
                java.util.stream.Collectors.joining("\n")));
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Adds a Jabber account {@code user@localhost} with {@code prosodyctl register} (before or while it runs). */
  public void addUser(String user, String password) {
    LocalServers.run(
        List.of("timeout", "60", "prosodyctl", "--config", configFile.toString(), "register", user, DOMAIN, password),
        "prosodyctl register " + user + " " + DOMAIN + " ***");
  }

  /**
   * Starts Prosody and waits until both listeners are its own: on Linux, until one of its processes holds each
   * listening socket ({@link #holds}); elsewhere, until each port accepts connections. A port another program
   * holds accepts connections too, and Prosody logs "Failed to open server port" and runs on without it, so its
   * log is read on each round.
   *
   * @throws ProsodyPortTakenException when Prosody could not open a port (then it is stopped)
   * @throws IllegalStateException when Prosody exits or does not listen within 20 s
   */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("already running");
    }
    try {
      process = new ProcessBuilder("timeout", Long.toString(lifetimeSeconds), "prosody", "--config",
          configFile.toString(), "-F")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("prosody.out").toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start prosody", e);
    }
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    for (int port : new int[] {clientPort, componentPort}) {
      while (!holds(port).orElseGet(() -> LocalServers.isListening(port))) {
        String log = log();
        if (log.contains("Failed to open server port " + port + " on ")) {
          stop();
          throw new ProsodyPortTakenException(port, log);
        }
        if (!process.isAlive()) {
          throw new IllegalStateException("prosody exited at start with " + process.exitValue() + "; see " + folder);
        }
        if (Instant.now().isAfter(deadline)) {
          stop();
          log = log();
          throw new IllegalStateException("prosody did not listen on port " + port + " within " + START_TIMEOUT
              + " (client port " + clientPort + ", component port " + componentPort + "); the end of its log:\n"
              + log.substring(Math.max(0, log.length() - 4000)));
        }
        LocalServers.pause(50);
      }
    }
  }

  /** Stops Prosody (SIGTERM, then SIGKILL after 10 s) and waits for it to exit. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    // `timeout` passes SIGTERM on to Prosody; its descendants are ended too if it does not exit.
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    process = null;
  }

  /**
   * Kills Prosody at once (SIGKILL, as a crash or an OOM kill would): unlike {@link #stop()} it tells nobody,
   * so components see their socket die while users are still thought online. {@link #start()} may follow.
   */
  public synchronized void crash() {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Whether the Prosody process (and its timeout guard) is running. */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The process ids of the guard and Prosody, for checks that everything stopped. */
  public synchronized List<ProcessHandle> processes() {
    if (process == null) {
      return List.of();
    }
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()), process.descendants())
        .toList();
  }

  public int clientPort() {
    return clientPort;
  }

  public int componentPort() {
    return componentPort;
  }

  public String componentDomain() {
    return componentDomain;
  }

  public String componentSecret() {
    return componentSecret;
  }

  public Path folder() {
    return folder;
  }

  public Path configFile() {
    return configFile;
  }

  /**
   * Whether one of this Prosody's processes holds the listening socket of {@code port} (Linux: read from /proc,
   * {@link TcpListeners}); empty where that cannot be known.
   */
  public Optional<Boolean> holds(int port) {
    if (!TcpListeners.available()) {
      return Optional.empty();
    }
    Set<Long> ours = processes().stream().flatMap(process -> TcpListeners.socketsOf(process.pid()).stream())
        .collect(Collectors.toSet());
    return Optional.of(TcpListeners.on(port).stream().anyMatch(listener -> ours.contains(listener.inode())));
  }

  /** Prosody's log so far, for failure messages. */
  public String log() {
    return LocalServers.readLogs(
        List.of(folder.resolve("prosody.log"), folder.resolve("prosody.err"), folder.resolve("prosody.out")));
  }

  @Override
  public void close() {
    stop();
  }

  /** A port that was free a moment ago on 127.0.0.1. */
  public static int freePort() {
    return LocalServers.freePort();
  }

}
