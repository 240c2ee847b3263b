package net.icqtransport.distribution.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.icqtransport.distribution.TransportApplication;
import net.icqtransport.distribution.config.TransportConfig;

/**
 * The transport in a JVM of its own, as users run it: the shipped logging configuration (INFO, not the tests'
 * DEBUG file), JVM defaults, nothing else in the process, so its CPU time ({@link #cpu()}) is the transport's
 * alone. With the system property {@code benchmark.jfr} (a folder) the JVM records a JDK Flight Recorder profile
 * ({@code settings=profile}) into it, written when the process ends; {@code benchmark.transport.jvm} adds JVM options
 * (space-separated), for trying a setting. The child prints {@code connected} once its
 * component connection is up and ends when its standard input closes.
 */
final class TransportProcess implements AutoCloseable {
  /** The logging configuration the distribution ships ({@code conf/logback.xml}). */
  static final Path SHIPPED_LOGGING = Path.of("src/main/dist/conf/logback.xml").toAbsolutePath();

  private static final String CONNECTED = "connected";

  private final Process process;

  private TransportProcess(Process process) {
    this.process = process;
  }

  /**
   * Writes {@code settings} (HOCON paths to values) as the configuration file in {@code folder}, starts the
   * transport on it and waits until it is connected to the XMPP server.
   *
   * @param name names the log and the profile (e.g. {@code prosody})
   */
  static TransportProcess start(Path folder, String name, Map<String, Object> settings) throws IOException {
    Files.createDirectories(folder);
    Map<String, Object> all = new java.util.LinkedHashMap<>(settings);
    // Never the default HTTP port: a transport may run on this machine beside the benchmark.
    all.putIfAbsent("icq-transport.http.port", 0);
    StringBuilder config = new StringBuilder();
    all.forEach((key, value) -> config.append(key).append(" = ")
        .append(value instanceof String text ? com.typesafe.config.ConfigUtil.quoteString(text) : value).append('\n'));
    Path file = folder.resolve("icq-transport.conf");
    Files.writeString(file, config, StandardCharsets.UTF_8);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.util.prefs.userRoot=" + folder.resolve("prefs"),
        "-Dlogback.configurationFile=" + SHIPPED_LOGGING));
    String jvmOptions = System.getProperty("benchmark.transport.jvm", "");
    if (!jvmOptions.isBlank()) {
      command.addAll(List.of(jvmOptions.trim().split("\\s+")));
    }
    String jfr = System.getProperty("benchmark.jfr", "");
    if (!jfr.isBlank()) {
      Path recording = Files.createDirectories(Path.of(jfr).toAbsolutePath()).resolve("transport-" + name + ".jfr");
      command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording);
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), TransportProcess.class.getName(),
        file.toString()));
    Path log = folder.resolve("transport-" + name + ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CountDownLatch connected = new CountDownLatch(1);
    Thread copy = new Thread(() -> {
      try (var writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
        String line;
        while ((line = out.readLine()) != null) { // also keeps the pipe from filling up
          if (line.equals(CONNECTED)) {
            connected.countDown();
          }
          writer.write(line);
          writer.newLine();
          writer.flush();
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "transport-" + name + "-output");
    copy.setDaemon(true);
    copy.start();
    TransportProcess transport = new TransportProcess(process);
    boolean up;
    try {
      up = connected.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      up = false;
    }
    if (!up) {
      transport.close();
      throw new IOException("the transport did not connect within 60 s (see " + log + ")");
    }
    return transport;
  }

  /** The CPU time the transport's process has used so far. */
  Duration cpu() {
    return ProcessCpu.of(process.toHandle());
  }

  /** Ends the transport (it stops gracefully when its standard input closes) and waits for it. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The child: {@code TransportProcess CONFIG-FILE}. */
  public static void main(String[] args) throws Exception {
    try (TransportApplication transport = TransportApplication.start(TransportConfig.load(Path.of(args[0])))) {
      if (!transport.awaitConnected(Duration.ofSeconds(60))) {
        System.out.println("not connected");
        System.exit(1);
      }
      System.out.println(CONNECTED);
      System.out.flush();
      while (System.in.read() >= 0) {
        // runs until the parent closes our standard input
      }
    }
    System.exit(0); // a graceful stop leaves no non-daemon thread behind, but never hang the benchmark
  }
}
