package net.icqtransport.distribution.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.icqtransport.distribution.TransportApplication;
import net.icqtransport.distribution.config.TransportConfig;
import net.icqtransport.distribution.e2e.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, item 6: /metrics of a running transport carries the JVM's and the process's meters (Micrometer's
 * binders), as the README promises, and every metric the shipped Grafana dashboard
 * ({@code grafana/icq-transport.json}) queries is one /metrics exports. The transport runs without an XMPP or
 * OSCAR server: it keeps trying to connect, and /metrics answers meanwhile.
 */
class JvmMetricsAndDashboardTest {
  private static final Path DASHBOARD = Path.of("src/main/dist/grafana/icq-transport.json");
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path folder;
  private final HttpClient http = HttpClient.newHttpClient();
  private TransportApplication transport;

  @AfterEach
  void stop() {
    if (transport != null) {
      transport.close();
    }
  }

  @Test
  void metricsCarryTheJvmAndProcessMetersAndEveryMetricOfTheDashboard() throws Exception {
    transport = TransportApplication.start(TransportConfig.from(ConfigFactory.parseMap(Map.of(
        "icq-transport.xmpp.port", closedPort(),
        "icq-transport.xmpp.secret", "s",
        "icq-transport.oscar.login-port", closedPort(),
        "icq-transport.database.file", folder.resolve("data/registrations").toString(),
        "icq-transport.http.port", 0))));
    int port = transport.httpPort().orElseThrow();

    Set<String> exported = sampleNames(metrics(port));
    for (String meter : List.of(
        "jvm_memory_used_bytes", "jvm_memory_max_bytes", "jvm_gc_memory_allocated_bytes_total",   // JvmMemory/GcMetrics
        "jvm_threads_live_threads", "jvm_threads_states_threads",                                 // JvmThreadMetrics
        "jvm_classes_loaded_classes",                                                             // ClassLoaderMetrics
        "system_cpu_count", "process_cpu_usage",                                                  // ProcessorMetrics
        "process_uptime_seconds", "process_start_time_seconds",                                   // UptimeMetrics
        "process_files_open_files", "process_files_max_files",                                    // FileDescriptorMetrics
        "icq_transport_xmpp_connected")) {
      assertTrue(exported.contains(meter), meter + " is not in /metrics: " + exported);
    }

    Set<String> queried = dashboardMetrics();
    assertTrue(queried.size() >= 20, "the dashboard queries " + queried);
    // Micrometer registers the GC pause timer at the first pause: have one.
    Await.until(() -> {
      System.gc();
      return sampleNames(metrics(port)).containsAll(queried);
    }, WAIT, "every metric the dashboard queries in /metrics: " + queried);
  }

  /** Every metric name in the dashboard's queries ({@code expr}) and variables ({@code label_values(...)}). */
  private static Set<String> dashboardMetrics() throws IOException {
    String json = Files.readString(DASHBOARD, StandardCharsets.UTF_8);
    Set<String> names = new TreeSet<>();
    Matcher expr = Pattern.compile("\"(?:expr|definition)\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
    while (expr.find()) {
      Matcher name = Pattern.compile("\\b([a-z_]+)(?=\\{|,)").matcher(expr.group(1).replace("\\\"", "\""));
      while (name.find()) {
        names.add(name.group(1));
      }
    }
    return names;
  }

  private String metrics(int port) {
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      return response.body();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("GET /metrics failed", e);
    }
  }

  /** The names of the samples in Prometheus text: {@code name{labels} value} or {@code name value}. */
  private static Set<String> sampleNames(String text) {
    return text.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
        .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
