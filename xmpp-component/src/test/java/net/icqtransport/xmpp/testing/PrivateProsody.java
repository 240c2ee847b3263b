package net.icqtransport.xmpp.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away Prosody 0.12 (Debian package {@code prosody}) on loopback and free ports, with the component
 * {@code icq.localhost}. Started under {@code timeout} because Prosody hangs instead of exiting on some
 * configuration errors.
 */
public final class PrivateProsody implements AutoCloseable {
  public static final String COMPONENT_DOMAIN = "icq.localhost";
  public static final String SECRET = "component-secret";

  private final Path dir;
  private final int componentPort;
  private final int c2sPort;
  private Process process;

  public PrivateProsody() throws IOException {
    if (!Files.isExecutable(Path.of("/usr/bin/prosody"))) {
      throw new IllegalStateException("Prosody is not installed: install the Debian package 'prosody' (apt-get install -y prosody)");
    }
    dir = Files.createTempDirectory("prosody-test");
    Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(dir.resolve("certs"));
    componentPort = freePort();
    c2sPort = freePort();
    Files.writeString(dir.resolve("prosody.cfg.lua"), """
        pidfile = "%1$s/prosody.pid"
        data_path = "%1$s/data"
        certificates = "%1$s/certs"
        run_as_root = true
        log = { info = "%1$s/prosody.log" }
        interfaces = { "127.0.0.1" }
        c2s_ports = { %2$d }
        c2s_interfaces = { "127.0.0.1" }
        c2s_require_encryption = false
        s2s_ports = { }
        http_ports = { }
        https_ports = { }
        component_ports = { %3$d }
        component_interfaces = { "127.0.0.1" }
        modules_enabled = { "roster"; "saslauth"; "disco"; "ping"; "posix" }
        modules_disabled = { "s2s" }
        VirtualHost "localhost"
        Component "%4$s"
          component_secret = "%5$s"
        """.formatted(dir, c2sPort, componentPort, COMPONENT_DOMAIN, SECRET), StandardCharsets.UTF_8);
  }

  public int componentPort() {
    return componentPort;
  }

  /** Starts Prosody and waits until the component port accepts connections. */
  public void start() throws IOException, InterruptedException {
    process = new ProcessBuilder("timeout", "300", "prosody", "--config", dir.resolve("prosody.cfg.lua").toString(), "-F")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("stdout.log").toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Prosody exited with " + process.exitValue() + ": " + log());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", componentPort), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("Prosody did not open its component port: " + log());
  }

  /** Stops Prosody (SIGTERM, as an admin would) and waits for it. */
  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  /** Prosody's log so far, for failure messages. */
  public String log() {
    try {
      return Files.readString(dir.resolve("prosody.log")) + Files.readString(dir.resolve("stdout.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a leftover temp folder is harmless
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
