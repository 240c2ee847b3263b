package net.icqtransport.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.icqtransport.core.crypto.DatabaseKey;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.registration.JdbcRegistrationStore;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.distribution.config.TransportConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as an operator uses it. */
class MainTest {

  private record Result(int exitCode, String output) {}

  /** Runs the command line; the output is what it printed to stdout and stderr. */
  private static Result run(String... arguments) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capturing = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(capturing);
    System.setErr(capturing);
    try {
      int exit = new CommandLine(new Main()).execute(arguments);
      return new Result(exit, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }

  /**
   * Started while the database is unreachable, {@code run} exits at once with code 3 (systemd's
   * {@code Restart=on-failure} starts it again) and says which database, without the credentials that the
   * configuration or the URL hold, neither on the terminal nor in the log.
   */
  @Test
  void runExitsWithCode3NamingTheUnreachableDatabaseWithoutItsCredentials(@TempDir Path dir) throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Path file = dir.resolve("t.conf");
    Files.writeString(file, """
        icq-transport {
          xmpp.secret = s
          http.enabled = false
          database {
            url = "jdbc:postgresql://127.0.0.1:%d/icq?password=url-Secret-1"
            username = icq
            password = "db-Secret-2"
            key = "%s"
            connection-timeout = 1s
          }
        }""".formatted(closedPort, java.util.Base64.getEncoder().encodeToString(new byte[32])));
    ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger)
        org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
        new ch.qos.logback.core.read.ListAppender<>();
    logs.start();
    root.addAppender(logs);
    Result result;
    long started = System.nanoTime();
    try {
      result = run("run", "--config", file.toString());
    } finally {
      root.detachAppender(logs);
    }

    assertEquals(DatabaseUnavailableException.EXIT_CODE, result.exitCode(), result.output());
    assertTrue(java.time.Duration.ofNanos(System.nanoTime() - started).toSeconds() < 20, "no hanging start");
    assertTrue(result.output().contains(
        "Database unavailable: cannot reach the database jdbc:postgresql://127.0.0.1:" + closedPort + "/icq: "),
        result.output());
    String logged = logs.list.stream().map(e -> e.getFormattedMessage() + " " + (e.getThrowableProxy() == null
        ? "" : e.getThrowableProxy().getMessage())).reduce("", (x, y) -> x + "\n" + y);
    assertTrue(logged.contains("Not started: cannot reach the database jdbc:postgresql://127.0.0.1:" + closedPort),
        logged);
    for (String secret : new String[] {"url-Secret-1", "db-Secret-2"}) {
      assertTrue(!result.output().contains(secret), "the terminal shows " + secret + ": " + result.output());
      assertTrue(!logged.contains(secret), "the log shows " + secret + ": " + logged);
    }
  }

  @Test
  void checkConfigAcceptsTheShippedExample() {
    Result result = run("check-config", "--config", "src/main/dist/conf/icq-transport.conf");
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().lines().anyMatch(line -> line.startsWith("OK: ")), result.output());
    assertTrue(!result.output().contains("change-me"), "the secret must not be printed: " + result.output());
  }

  @Test
  void checkConfigNamesEveryWrongKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.conf");
    Files.writeString(file, "icq-transport { xmpp { secret = s, prot = 5347 }, oscar { login-port = 99999 } }");
    Result result = run("check-config", "--config", file.toString());
    assertEquals(2, result.exitCode(), result.output());
    assertTrue(result.output().contains("icq-transport.xmpp.prot: unknown key (did you mean icq-transport.xmpp.port?)"),
        result.output());
    assertTrue(result.output().contains("icq-transport.oscar.login-port: not a port number: 99999"), result.output());
  }

  @Test
  void registrationsCanBeListedShownAndRemovedWithoutShowingPasswords(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.conf");
    Files.writeString(file, "icq-transport { xmpp.secret = s, database.file = \""
        + dir.resolve("db/registrations").toString().replace("\\", "/") + "\" }");
    TransportConfig config = TransportConfig.load(file);
    try (JdbcRegistrationStore store = new JdbcRegistrationStore(TransportApplication.dataSource(config), DatabaseKeys.cipher(config))) {
      store.save(new Registration(new UserAddress("alice@example.org"),
          new LegacyCredentials(new LegacyContactId("100001"), "secret-icq-password"), Instant.EPOCH));
    }

    Result list = run("registrations", "list", "--config", file.toString());
    assertEquals(0, list.exitCode(), list.output());
    assertTrue(list.output().contains("alice@example.org\tICQ 100001"), list.output());
    assertTrue(list.output().lines().anyMatch(line -> line.equals("1 registration")), list.output());
    assertTrue(!list.output().contains("secret-icq-password"), list.output());

    Result show = run("registrations", "show", "alice@example.org", "--config", file.toString());
    assertEquals(0, show.exitCode(), show.output());
    assertTrue(!show.output().contains("secret-icq-password"), show.output());

    assertEquals(0, run("registrations", "remove", "alice@example.org", "--config", file.toString()).exitCode());
    Result gone = run("registrations", "show", "alice@example.org", "--config", file.toString());
    assertEquals(1, gone.exitCode(), gone.output());
    assertTrue(gone.output().contains("is not registered"), gone.output());
  }

  @Test
  void configReferencePrintsTheDocumentation() {
    Result result = run("config-reference");
    assertEquals(0, result.exitCode());
    assertTrue(result.output().contains("`icq-transport.xmpp.secret`"), result.output());
  }

  @Test
  void theEmbeddedDatabaseGetsAPrivateGeneratedKeyFileAndRotateKeyReencryptsEveryPassword(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("t.conf");
    Files.writeString(file, "icq-transport { xmpp.secret = s, database.file = \""
        + dir.resolve("db/registrations").toString().replace("\\", "/") + "\" }");
    TransportConfig config = TransportConfig.load(file);
    try (JdbcRegistrationStore store = new JdbcRegistrationStore(TransportApplication.dataSource(config), DatabaseKeys.cipher(config))) {
      store.save(new Registration(new UserAddress("alice@example.org"),
          new LegacyCredentials(new LegacyContactId("100001"), "secret-icq-password"), Instant.EPOCH));
    }
    Path keyFile = dir.resolve("db/registrations.key");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    DatabaseKey first = DatabaseKeys.read(keyFile);
    assertTrue(rawPassword(config).startsWith("aesgcm1:" + first.id() + ":"), rawPassword(config));

    Path newKey = dir.resolve("keys/new.key");
    Result rotated = run("registrations", "rotate-key", "--new-key-file", newKey.toString(), "--config", file.toString());

    assertEquals(0, rotated.exitCode(), rotated.output());
    DatabaseKey second = DatabaseKeys.read(newKey);
    assertTrue(rotated.output().contains("Re-encrypted 1 password with key " + second.id()), rotated.output());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(newKey)));
    assertTrue(rawPassword(config).startsWith("aesgcm1:" + second.id() + ":"), rawPassword(config));
    assertTrue(!rotated.output().contains(second.toBase64()), "the key is never printed");

    Files.writeString(file, "icq-transport { xmpp.secret = s, database.key-file = \""
        + newKey.toString().replace("\\", "/") + "\", database.file = \""
        + dir.resolve("db/registrations").toString().replace("\\", "/") + "\" }");
    TransportConfig rotatedConfig = TransportConfig.load(file);
    try (JdbcRegistrationStore store = new JdbcRegistrationStore(TransportApplication.dataSource(rotatedConfig),
        DatabaseKeys.cipher(rotatedConfig))) {
      assertEquals("secret-icq-password",
          store.find(new UserAddress("alice@example.org")).orElseThrow().credentials().password());
    }
  }

  private static List<String> nonEmptyLines(String text) {
    return text.lines().filter(line -> !line.isBlank()).toList();
  }

  /** A port nothing listens on (bound once, then closed). */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Issue 19, item 4: the database tools need the database and its key, not the component secret. */
  @Test
  void registrationsNeedNoComponentSecret(@TempDir Path dir) throws Exception {
    Path withSecret = dir.resolve("transport.conf");
    Files.writeString(withSecret, "icq-transport { xmpp.secret = s, database.file = \""
        + dir.resolve("data/registrations").toString().replace("\\", "/") + "\" }");
    TransportConfig config = TransportConfig.load(withSecret);
    try (JdbcRegistrationStore store = new JdbcRegistrationStore(TransportApplication.dataSource(config),
        DatabaseKeys.cipher(config))) {
      store.save(new Registration(new UserAddress("alice@example.org"),
          new LegacyCredentials(new LegacyContactId("100001"), "secret-icq-password"), Instant.EPOCH));
    }
    Path withoutSecret = dir.resolve("admin.conf");
    Files.writeString(withoutSecret, "icq-transport.database.file = \""
        + dir.resolve("data/registrations").toString().replace("\\", "/") + "\"");

    Result list = run("registrations", "list", "--config", withoutSecret.toString());

    assertEquals(0, list.exitCode(), list.output());
    assertEquals(List.of("alice@example.org\tICQ 100001\tregistered 1970-01-01T00:00:00Z", "1 registration"),
        nonEmptyLines(list.output()));
  }

  /**
   * Issue 19, item 4: pointed at a path where there is no database, the tools refuse in one line and create
   * nothing (before: a new empty database and key, and "0 registrations").
   */
  @Test
  void registrationsRefuseAMissingDatabaseInOneLineAndCreateNothing(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("admin.conf");
    Path missing = dir.resolve("elsewhere/registrations");
    Files.writeString(config, "icq-transport { xmpp.secret = s, database.file = \""
        + missing.toString().replace("\\", "/") + "\" }");

    for (String[] command : List.of(new String[] {"registrations", "list"},
        new String[] {"registrations", "show", "alice@example.org"},
        new String[] {"registrations", "remove", "alice@example.org"},
        new String[] {"registrations", "rotate-key", "--new-key-file", dir.resolve("new.key").toString()})) {
      List<String> arguments = new ArrayList<>(List.of(command));
      arguments.addAll(List.of("--config", config.toString()));
      Result result = run(arguments.toArray(new String[0]));

      assertEquals(2, result.exitCode(), result.output());
      assertEquals(List.of("Error: no registration database at " + missing.toAbsolutePath() + ".mv.db "
          + "(icq-transport.database.file = \"" + missing + "\" in " + config + "); is it the transport's "
          + "configuration?"), nonEmptyLines(result.output()));
      assertFalse(Files.exists(missing.getParent()), "created " + missing.getParent());
      assertFalse(Files.exists(dir.resolve("new.key")), "left a new key behind");
    }

    Result badJid = run("registrations", "show", "alice@example.org/laptop", "--config", config.toString());
    assertEquals(2, badJid.exitCode(), badJid.output());
    assertEquals(List.of("Error: not a bare JID (user@domain): alice@example.org/laptop"),
        nonEmptyLines(badJid.output()));
  }

  /** Issue 19, item 8. */
  @Test
  void versionPrintsTheProjectVersion() {
    Result result = run("--version");
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().matches("icq-transport \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), result.output());
  }

  /** Issue 19, item 8: the simulator's usage names the command the operator typed. */
  @Test
  void simulatorHelpCallsItselfByItsCommandName() {
    Result result = run("simulator", "--help");
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().startsWith("usage: icq-transport simulator [--host H]"), result.output());
    assertFalse(result.output().contains("OscarSimulatorMain"), result.output());
  }

  /**
   * Issue 19, item 8: check-config summarizes the shipped example one area per line with durations in units
   * (not an object dump with PT5M), and flags its placeholder secret by line without printing it.
   */
  @Test
  void checkConfigSummarizesReadablyAndFlagsThePlaceholderSecret() throws Exception {
    Path example = Path.of("src/main/dist/conf/icq-transport.conf");
    List<String> lines = Files.readAllLines(example);
    int secretLine = 1 + java.util.stream.IntStream.range(0, lines.size())
        .filter(i -> lines.get(i).trim().startsWith("secret = ")).findFirst().orElseThrow();
    int componentPort = com.typesafe.config.ConfigFactory.parseFile(example.toFile())
        .getInt("icq-transport.xmpp.port"); // read, never bound: the summary must show what the file says

    Result result = run("check-config", "--config", example.toString());

    assertEquals(0, result.exitCode(), result.output());
    String output = result.output();
    assertTrue(output.startsWith("OK: " + example + " (1 warning)"), output);
    assertTrue(output.contains("\n  XMPP server:    127.0.0.1:" + componentPort
        + " as component icq.localhost, plaintext, secret set\n"), output);
    assertTrue(output.contains("after a rate-limit refusal wait 5 min"), output);
    assertTrue(output.contains("waits up to 5 s for a connection"), output);
    assertTrue(output.contains("\nWarning:\n  line " + secretLine + ": icq-transport.xmpp.secret: still the "
        + "placeholder of the example configuration"), output);
    assertFalse(output.contains("PT"), output);
    assertFalse(output.contains("TransportConfig["), output);
    assertFalse(output.contains("change-me"), "the secret is never printed: " + output);
  }

  /** Issue 19, item 8: each problem with its line, durations with units, an empty login host refused. */
  @Test
  void checkConfigNamesTheLineOfEachProblem(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.conf");
    Files.writeString(file, """
        icq-transport {
          xmpp.secret = s
          database.connection-timeout = 10ms
          oscar.login-host = ""
          http.prot = 1
        }
        """);

    Result result = run("check-config", "--config", file.toString());

    assertEquals(2, result.exitCode(), result.output());
    assertEquals(List.of(file + " has problems:",
        "  line 5: icq-transport.http.prot: unknown key (did you mean icq-transport.http.port?)",
        "  line 4: icq-transport.oscar.login-host: must not be empty (the OSCAR login server: the host of your ICQ "
            + "revival server, or the simulator's)",
        "  line 3: icq-transport.database.connection-timeout: must be at least 250 ms, not 10 ms"),
        nonEmptyLines(result.output()));
  }

  /** Issue 19: a domain the component cannot have is a configuration error with its line (before: a stack trace). */
  @Test
  void runRefusesAConfigurationErrorInOneLinePerProblem(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.conf");
    Files.writeString(file, "icq-transport {\n  xmpp.secret = s\n  xmpp.domain = \"user@icq.example.org\"\n"
        + "  http.enabled = false\n  database.file = \"" + dir.resolve("data/r").toString().replace("\\", "/")
        + "\"\n}\n");
    Result result = run("run", "--config", file.toString());
    assertEquals(2, result.exitCode(), result.output());
    assertEquals(List.of("Configuration error in " + file + ": line 3: icq-transport.xmpp.domain: must be a bare "
        + "domain (e.g. icq.example.org), not user@icq.example.org"), nonEmptyLines(result.output()));
  }

  /**
   * Issue 19, item 7: {@code run} with the HTTP port taken says which port and which setting, in one line,
   * and exits with 2 before it opens anything else (before: a stack trace).
   */
  @Test
  void runWithTheHttpPortTakenSaysWhichPortAndSettingInOneLine(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path file = dir.resolve("t.conf");
      Files.writeString(file, """
          icq-transport {
            xmpp { secret = s, port = %d }
            oscar.login-port = %d
            http.port = %d
            database.file = "%s"
          }""".formatted(closedPort(), closedPort(), taken.getLocalPort(),
          dir.resolve("data/registrations").toString().replace("\\", "/")));

      Result result = run("run", "--config", file.toString());

      assertEquals(2, result.exitCode(), result.output());
      assertEquals(List.of("Cannot serve /metrics and /health: cannot listen on 127.0.0.1:" + taken.getLocalPort()
          + ": the port is already in use (by another program, or another transport); set icq-transport.http.port "
          + "(ICQ_TRANSPORT_HTTP_PORT) to a free port (0 picks one), or http.enabled = false"),
          nonEmptyLines(result.output()));
      assertFalse(Files.exists(dir.resolve("data")), "the database was opened before the port was checked");
    }
  }

  /**
   * Issue 19, item 9: the embedded database's folder is created rwx------ and its file rw------- before H2
   * writes anything; a file an older version left rw-r--r-- is restricted at the next start.
   */
  @Test
  void theEmbeddedDatabaseAndItsFolderArePrivateFromTheStart(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.conf");
    Path data = dir.resolve("var/data");
    Files.writeString(file, "icq-transport { xmpp.secret = s, database.file = \""
        + data.resolve("registrations").toString().replace("\\", "/") + "\" }");
    TransportConfig config = TransportConfig.load(file);
    try (JdbcRegistrationStore store = new JdbcRegistrationStore(TransportApplication.dataSource(config),
        DatabaseKeys.cipher(config))) {
      store.save(new Registration(new UserAddress("alice@example.org"),
          new LegacyCredentials(new LegacyContactId("100001"), "secret-icq-password"), Instant.EPOCH));
    }
    assertEquals("rwx------", permissions(dir.resolve("var")));
    assertEquals("rwx------", permissions(data));
    assertEquals("rw-------", permissions(data.resolve("registrations.mv.db")));
    assertEquals("rw-------", permissions(data.resolve("registrations.key")));

    Files.setPosixFilePermissions(data.resolve("registrations.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
    TransportApplication.dataSource(config).close();
    assertEquals("rw-------", permissions(data.resolve("registrations.mv.db")));
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static String rawPassword(TransportConfig config) throws Exception {
    try (var dataSource = TransportApplication.dataSource(config);
        Connection connection = dataSource.getConnection();
        ResultSet rows = connection.createStatement().executeQuery("SELECT legacy_password FROM registration")) {
      assertTrue(rows.next());
      return rows.getString(1);
    }
  }
}
