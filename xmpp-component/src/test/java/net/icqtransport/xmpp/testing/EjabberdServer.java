package net.icqtransport.xmpp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.icqtransport.xmpp.server.LocalServers;

/**
 * A private ejabberd (Debian package {@code ejabberd}, 23.01) for one test: its own config, Mnesia spool and
 * logs in a temporary folder owned by the {@code ejabberd} user (ejabberdctl drops to it), c2s and component
 * listeners on free loopback ports, Erlang distribution on a free loopback port without epmd. The component
 * domain is granted XEP-0356 privileges (roster both, message outgoing, presence roster) by
 * {@code mod_privilege}. Fails with a clear message when the package is missing: tests never skip.
 */
public final class EjabberdServer implements XmppTestServer {
  public static final String DOMAIN = "localhost";
  private static final String CTL = "/usr/sbin/ejabberdctl";
  /** Where Debian's ejabberd 23.01 keeps its compiled modules ({@code ebin}) and headers ({@code include}). */
  private static final String EJABBERD_LIB = "/usr/lib/x86_64-linux-gnu/ejabberd-23.01";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Path folder;
  private final String node;
  private final int clientPort;
  private final int componentPort;
  private final int distributionPort;
  private final String componentDomain;
  private final String componentSecret;
  private final int componentConnections;
  private final boolean componentTls;
  private final List<String> extraModules = new ArrayList<>();
  /**
   * Further component domains, each on a listener of its own (one listener with several {@code hosts} routes
   * every one of them to whichever component connected last), with its port and secret.
   */
  private final java.util.Map<String, java.util.Map.Entry<Integer, String>> extraComponents =
      new java.util.LinkedHashMap<>();
  private Process process;

  private EjabberdServer(String componentDomain, String componentSecret, int componentConnections, Path componentCertfile)
      throws IOException {
    if (!Files.isExecutable(Path.of(CTL))) {
      throw new IllegalStateException("This test needs a real ejabberd, but " + CTL
          + " is missing: install the Debian package 'ejabberd' (apt-get install -y ejabberd); .ci/run does this");
    }
    this.componentDomain = componentDomain;
    this.componentSecret = componentSecret;
    this.componentConnections = componentConnections;
    this.clientPort = LocalServers.freePort();
    this.componentPort = LocalServers.freePort();
    this.distributionPort = LocalServers.freePort();
    this.node = "icqtest" + distributionPort + "@localhost";
    // Not a JUnit @TempDir: those are private to root, and ejabberd runs as its own user.
    this.folder = Files.createTempDirectory("ejabberd-test");
    Files.createDirectories(folder.resolve("spool"));
    Files.createDirectories(folder.resolve("logs"));
    this.componentTls = componentCertfile != null;
    if (componentTls) {
      Files.copy(componentCertfile, folder.resolve("component.pem"));
    }
    writeControlConfig();
    Files.writeString(folder.resolve("inetrc"), String.join("\n",
        "{lookup,[\"file\",\"native\"]}.",
        "{host,{127,0,0,1}, [\"localhost\"]}.",
        ""), StandardCharsets.UTF_8);
    Files.writeString(folder.resolve("ejabberd.yml"), config(), StandardCharsets.UTF_8);
    LocalServers.run(List.of("chown", "-R", "ejabberd:ejabberd", folder.toString()));
  }

  /** ejabberdctl's settings; {@code ERL_OPTIONS} puts the folder of compiled extra modules on the code path. */
  private void writeControlConfig() throws IOException {
    Files.writeString(folder.resolve("ejabberdctl.cfg"), String.join("\n",
        "ERLANG_NODE=" + node,
        "INET_DIST_INTERFACE=127.0.0.1",
        "ERL_DIST_PORT=" + distributionPort,
        "ERL_OPTIONS=\"-pa " + folder.resolve("ebin") + "\"",
        ""), StandardCharsets.UTF_8);
  }

  /**
   * Compiles an ejabberd module from its Erlang source with {@code erlc} (Debian package {@code erlang-base},
   * which ejabberd depends on) against ejabberd's headers, and loads it ({@code modules: NAME: {}}) when the
   * server starts. Call before {@link #start()}.
   */
  public EjabberdServer withModule(Path erlangSource) {
    String file = erlangSource.getFileName().toString();
    if (!file.endsWith(".erl")) {
      throw new IllegalArgumentException("not an Erlang source file: " + erlangSource);
    }
    if (!Files.isExecutable(Path.of("/usr/bin/erlc"))) {
      throw new IllegalStateException("Compiling " + erlangSource + " needs erlc: install the Debian package "
          + "'erlang-base' (apt-get install -y erlang-base; ejabberd depends on it); .ci/run does this");
    }
    try {
      Path ebin = Files.createDirectories(folder.resolve("ebin"));
      Path ejabberdHome = Path.of(EJABBERD_LIB);
      LocalServers.run(List.of("erlc", "-pa", ejabberdHome.resolve("ebin").toString(),
          "-I", ejabberdHome.resolve("include").toString(), "-o", ebin.toString(), erlangSource.toString()));
      extraModules.add(file.substring(0, file.length() - ".erl".length()));
      Files.writeString(folder.resolve("ejabberd.yml"), config(), StandardCharsets.UTF_8);
      LocalServers.run(List.of("chown", "-R", "ejabberd:ejabberd", folder.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * Adds another XEP-0114 component domain with its own secret on a listener of its own, on a free port
   * ({@link #componentPort(String)}); before {@link #start()}.
   */
  public EjabberdServer addComponent(String domain, String secret) {
    extraComponents.put(domain, java.util.Map.entry(LocalServers.freePort(), secret));
    try {
      Files.writeString(folder.resolve("ejabberd.yml"), config(), StandardCharsets.UTF_8);
      LocalServers.run(List.of("chown", "-R", "ejabberd:ejabberd", folder.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A server with one component listener for {@code componentDomain}. */
  public static EjabberdServer create(String componentDomain, String componentSecret) {
    return create(componentDomain, componentSecret, 1);
  }

  /**
   * A server whose component domain may be served by several connections at once, balanced by the sender's
   * bare JID ({@code domain_balancing}, type {@code bare_source}), when {@code componentConnections > 1}.
   */
  public static EjabberdServer create(String componentDomain, String componentSecret, int componentConnections) {
    return create(componentDomain, componentSecret, componentConnections, null);
  }

  /**
   * A server whose component listener speaks direct TLS ({@code ejabberd_service} with {@code tls: true}: the
   * TLS handshake starts at connect, before the XEP-0114 stream) with the certificate chain and key in
   * {@code certfile} (one PEM file, copied into the server's folder). The client listener stays plaintext.
   */
  public static EjabberdServer createWithComponentTls(String componentDomain, String componentSecret, Path certfile) {
    return create(componentDomain, componentSecret, 1, certfile);
  }

  private static EjabberdServer create(
      String componentDomain, String componentSecret, int componentConnections, Path certfile) {
    try {
      return new EjabberdServer(componentDomain, componentSecret, componentConnections, certfile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The XEP-0356 grants the transport needs, as a {@code modules:} entry. docs/guide-ejabberd.md shows exactly
   * this text (GuidesTest in the distribution module holds them together).
   */
  public static final String PRIVILEGE_MODULE = String.join("\n",
      "  mod_privilege:",
      "    roster:",
      "      both: all",
      "    message:",
      "      outgoing: all",
      "    presence:",
      "      roster: all",
      "");

  /** The XEP-0114 listener, as a {@code listen:} entry; docs/guide-ejabberd.md shows exactly this text. */
  public static String serviceListener(String ip, int port, String componentDomain, String secret) {
    return String.join("\n",
        "  -",
        "    port: " + port,
        "    ip: \"" + ip + "\"",
        "    module: ejabberd_service",
        "    hosts:",
        "      \"" + componentDomain + "\":",
        "        password: \"" + secret + "\"",
        "");
  }

  /** The component listener: the guide's snippet, or with direct TLS ({@code tls: true} and a certfile). */
  private String componentListener() {
    String main = serviceListener("127.0.0.1", componentPort, componentDomain, componentSecret).stripTrailing();
    if (componentTls) {
      main = main.replace("    module: ejabberd_service\n",
          "    module: ejabberd_service\n    tls: true\n    certfile: \"" + folder.resolve("component.pem") + "\"\n");
    }
    StringBuilder listeners = new StringBuilder(main);
    extraComponents.forEach((domain, portAndSecret) -> listeners.append('\n').append(serviceListener("127.0.0.1",
        portAndSecret.getKey(), domain, portAndSecret.getValue()).stripTrailing()));
    return listeners.toString();
  }


  private String config() {
    return configuration(DOMAIN, clientPort, componentListener(), extraModules, componentDomain, componentConnections);
  }

  /**
   * The complete ejabberd.yml this harness runs: one virtual host with plaintext c2s on loopback, in-band
   * accounts ({@code auth_method: internal}), the component listener, {@code mod_roster}, {@code mod_disco},
   * {@code mod_ping}, {@code mod_caps} with {@code mod_muc} (without it, ejabberd 23.01's {@code mod_caps} logs a
   * crash, {@code module_not_loaded, mod_muc}, for every presence that carries caps), the transport's XEP-0356
   * grants, the {@code extraModules} (e.g. {@code mod_component_failover}) and, for several connections,
   * {@code domain_balancing} by the sender's bare JID. docs/scaling.md shows it with the docs' example values
   * ({@link #severalInstancesExample()}; GuidesTest holds them together).
   */
  public static String configuration(String host, int clientPort, String componentListener, List<String> extraModules,
      String componentDomain, int componentConnections) {
    List<String> lines = new ArrayList<>(List.of(
        "hosts:",
        "  - " + host,
        "loglevel: info",
        "log_rotate_count: 0",
        "certfiles: []",
        "listen:",
        "  -",
        "    port: " + clientPort,
        "    ip: \"127.0.0.1\"",
        "    module: ejabberd_c2s",
        "    starttls_required: false",
        componentListener.stripTrailing(),
        "auth_method: internal",
        "acl:",
        "  local:",
        "    user_regexp: \"\"",
        "access_rules:",
        "  local:",
        "    allow: local",
        "modules:",
        "  mod_roster: {}",
        "  mod_disco: {}",
        "  mod_ping: {}",
        "  mod_caps: {}",
        "  mod_muc: {}",
        PRIVILEGE_MODULE.stripTrailing()));
    for (String module : extraModules) {
      lines.add("  " + module + ": {}");
    }
    if (componentConnections > 1) {
      lines.addAll(List.of(
          "domain_balancing:",
          "  \"" + componentDomain + "\":",
          "    type: bare_source",
          "    component_number: " + componentConnections));
    }
    lines.add("");
    return String.join("\n", lines);
  }

  /**
   * {@link #configuration} as SeveralInstancesEndToEndTest runs it (two connections, {@code mod_component_failover}),
   * with the docs' example values: host example.org, c2s on 5222, the component icq.example.org on 127.0.0.1:5347.
   */
  public static String severalInstancesExample() {
    return configuration("example.org", 5222,
        serviceListener("127.0.0.1", 5347, "icq.example.org", "the-component-secret"),
        List.of("mod_component_failover"), "icq.example.org", 2);
  }

  private List<String> ctl(String... arguments) {
    List<String> command = new ArrayList<>(List.of(CTL,
        "--config-dir", folder.toString(),
        "--spool", folder.resolve("spool").toString(),
        "--logs", folder.resolve("logs").toString()));
    command.addAll(List.of(arguments));
    return command;
  }

  /** Starts ejabberd in the foreground (under {@code timeout}) and waits until both listeners accept. */
  @Override
  public void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("already running");
    }
    List<String> command = new ArrayList<>(List.of("timeout", "900"));
    command.addAll(ctl("foreground"));
    try {
      process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("ejabberd.out").toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start ejabberd", e);
    }
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (!(LocalServers.isListening(clientPort) && LocalServers.isListening(componentPort))) {
      if (!process.isAlive()) {
        throw new IllegalStateException("ejabberd exited at start with " + process.exitValue() + ":\n" + log());
      }
      if (Instant.now().isAfter(deadline)) {
        stop();
        throw new IllegalStateException("ejabberd did not listen within " + START_TIMEOUT + ":\n" + log());
      }
      LocalServers.pause(100);
    }
  }

  /** Registers {@code user@localhost}; the server must be running. */
  @Override
  public void addUser(String user, String password) {
    LocalServers.run(ctl("register", user, DOMAIN, password));
  }

  /** Stops ejabberd ({@code ejabberdctl stop}, then kills what is left) and waits for it to exit. */
  @Override
  public void stop() {
    if (process == null) {
      return;
    }
    try {
      if (process.isAlive()) {
        runQuietly(ctl("stop"));
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
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

  /** The port of the listener for {@code domain}: the main component's or one {@link #addComponent added}. */
  public int componentPort(String domain) {
    if (domain.equals(componentDomain)) {
      return componentPort;
    }
    var extra = extraComponents.get(domain);
    if (extra == null) {
      throw new IllegalArgumentException("no component " + domain);
    }
    return extra.getKey();
  }

  @Override
  public String componentDomain() {
    return componentDomain;
  }

  @Override
  public String componentSecret() {
    return componentSecret;
  }

  /** The wrapper ({@code timeout}), ejabberdctl and the Erlang VM while the server runs. */
  @Override
  public List<ProcessHandle> processes() {
    Process running = process;
    if (running == null || !running.isAlive()) {
      return List.of();
    }
    List<ProcessHandle> all = new ArrayList<>(List.of(running.toHandle()));
    running.descendants().forEach(all::add);
    return all;
  }

  /** ejabberd's log so far, for failure messages. */
  @Override
  public String log() {
    return LocalServers.readLogs(List.of(folder.resolve("logs/ejabberd.log"), folder.resolve("logs/error.log"),
        folder.resolve("ejabberd.out")));
  }

  /** Stops the server and deletes its folder. */
  @Override
  public void close() {
    stop();
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary folder is harmless
    }
  }

  private static void runQuietly(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      p.waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      // the process is killed below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
