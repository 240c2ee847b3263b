package net.icqtransport.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
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
    assertTrue(list.output().contains("1 registrations"), list.output());
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
    assertTrue(rotated.output().contains("Re-encrypted 1 passwords with key " + second.id()), rotated.output());
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

  private static String rawPassword(TransportConfig config) throws Exception {
    try (var dataSource = TransportApplication.dataSource(config);
        Connection connection = dataSource.getConnection();
        ResultSet rows = connection.createStatement().executeQuery("SELECT legacy_password FROM registration")) {
      assertTrue(rows.next());
      return rows.getString(1);
    }
  }
}
