package net.icqtransport.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 10: no test binds a fixed port. A test that ran the transport with the default HTTP port 9190
 * ({@code TlsEndToEndTest}) failed whenever a transport was running on the same machine, and the default ports of
 * the servers (5190 OSCAR, 5222 client, 5347 component) belong to real servers there. Checked on the sources:
 * every test that starts the transport chooses its HTTP listener ({@code http.port}, 0 for a free one, or
 * {@code http.enabled = false}), and no test sets a port to one of those defaults.
 */
class TestsUseFreePortsTest {
  private static final Path TESTS = Path.of("src/test/java");
  /** What starts a transport: in this JVM, or as {@code icq-transport run} in the test or a child JVM. */
  private static final Pattern STARTS_TRANSPORT =
      Pattern.compile("TransportApplication\\.start\\(|\"run\", \"--config\"|run\\(\"run\"");
  private static final Pattern CHOOSES_HTTP = Pattern.compile("http\\.port|http\\.enabled");
  /** A default port given as a port: {@code port = 9190}, {@code "...port", 5347}, {@code loginPort(5190)}. */
  private static final Pattern DEFAULT_PORT_SETTING =
      Pattern.compile("(?i)port\"?\\s*[,=:(]\\s*(5190|5222|5347|9190)\\b");

  @Test
  void everyTestThatStartsTheTransportChoosesItsHttpPort() throws IOException {
    List<String> starting = new ArrayList<>();
    List<String> offending = new ArrayList<>();
    for (Path file : testSources()) {
      String source = Files.readString(file, StandardCharsets.UTF_8);
      if (STARTS_TRANSPORT.matcher(source).find()) {
        starting.add(file.getFileName().toString());
        if (!CHOOSES_HTTP.matcher(source).find()) {
          offending.add(file.toString());
        }
      }
    }
    assertTrue(starting.contains("TlsEndToEndTest.java") && starting.contains("TransportEndToEndTest.java"),
        "the scan finds the tests that start the transport: " + starting);
    assertEquals(List.of(), offending, "these tests start the transport on the default HTTP port 9190");
  }

  @Test
  void noTestSetsAPortToADefaultPort() throws IOException {
    List<String> offending = new ArrayList<>();
    for (Path file : testSources()) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        Matcher matcher = DEFAULT_PORT_SETTING.matcher(lines.get(i));
        if (matcher.find()) {
          offending.add(file + ":" + (i + 1) + ": " + lines.get(i).trim());
        }
      }
    }
    assertEquals(List.of(), offending, "use port 0 or a free port (LocalServers.freePort())");
  }

  private static List<Path> testSources() throws IOException {
    try (Stream<Path> files = Files.walk(TESTS)) {
      return files.filter(file -> file.toString().endsWith(".java"))
          .filter(file -> !file.getFileName().toString().equals("TestsUseFreePortsTest.java")) // quotes the patterns
          .sorted().toList();
    }
  }
}
