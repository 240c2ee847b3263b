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
 * Issue 19, item 10: no test binds a fixed port. A test that ran the transport with the default HTTP port
 * ({@code TlsEndToEndTest}) failed whenever a transport was running on the same machine, and the default ports of
 * the servers belong to real servers there. Checked on the sources: every test that starts the transport chooses
 * its HTTP listener ({@code http.port}, 0 for a free one, or {@code http.enabled = false}), and no test sets a port
 * to one of the defaults. This test binds nothing: the defaults it looks for are read from the transport's
 * {@code reference.conf} (component, OSCAR login, HTTP), plus the XMPP client port of RFC 6120 §14.7.
 */
class TestsUseFreePortsTest {
  private static final Path TESTS = Path.of("src/test/java");
  /** What starts a transport: in this JVM, or as {@code icq-transport run} in the test or a child JVM. */
  private static final Pattern STARTS_TRANSPORT =
      Pattern.compile("TransportApplication\\.start\\(|\"run\", \"--config\"|run\\(\"run\"");
  private static final Pattern CHOOSES_HTTP = Pattern.compile("http\\.port|http\\.enabled");
  /** The client port servers listen on by default (RFC 6120 §14.7: "xmpp-client", registered with IANA). */
  private static final int XMPP_CLIENT_PORT = 5222;
  /** The transport's own defaults: where it connects and listens unless configured otherwise. */
  private static final List<Integer> DEFAULT_PORTS = defaultPorts();
  /** A default port given as a port: {@code port = N}, {@code "...port", N}, {@code loginPort(N)}. */
  private static final Pattern DEFAULT_PORT_SETTING = Pattern.compile("(?i)port\"?\\s*[,=:(]\\s*("
      + String.join("|", DEFAULT_PORTS.stream().map(String::valueOf).toList()) + ")\\b");

  private static List<Integer> defaultPorts() {
    com.typesafe.config.Config reference = com.typesafe.config.ConfigFactory.parseResources("reference.conf")
        .getConfig("icq-transport");
    return List.of(reference.getInt("xmpp.port"), reference.getInt("oscar.login-port"),
        reference.getInt("http.port"), XMPP_CLIENT_PORT);
  }

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
    assertEquals(4, java.util.Set.copyOf(DEFAULT_PORTS).size(), "four distinct defaults: " + DEFAULT_PORTS);
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
