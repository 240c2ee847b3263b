package net.icqtransport.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL (Debian package {@code postgresql}, version 15) for tests: {@code initdb} into a
 * temporary folder owned by the {@code postgres} user, a server on a free loopback port with its socket in
 * that folder, one database, trust authentication on loopback only. Fails with a clear message when the
 * package is missing: storage tests never skip.
 */
public final class PostgresServer implements AutoCloseable {
  public static final String USER = "icq";
  public static final String DATABASE = "icqtest";
  private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

  private final Path folder;
  private final int port;
  private boolean running;

  private PostgresServer() throws IOException {
    if (!Files.isExecutable(BIN.resolve("pg_ctl"))) {
      throw new IllegalStateException("These tests need a real PostgreSQL, but " + BIN.resolve("pg_ctl")
          + " is missing: install the Debian package 'postgresql' (apt-get install -y postgresql); .ci/run does this");
    }
    folder = Files.createTempDirectory("postgres-test");
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    run(List.of("chown", "postgres:postgres", folder.toString()));
    asPostgres(BIN.resolve("initdb").toString(), "-D", folder.resolve("data").toString(), "-A", "trust",
        "-U", USER, "-E", "UTF8", "--no-sync");
  }

  /** Initializes and starts a server with an empty database {@link #DATABASE}. */
  public static PostgresServer start() {
    try {
      PostgresServer server = new PostgresServer();
      server.startServer();
      server.asPostgres(BIN.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", String.valueOf(server.port),
          "-U", USER, DATABASE);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stops the server as a crash would ({@code pg_ctl stop -m immediate}: every backend is killed, client
   * connections are cut without a goodbye, no checkpoint); the data stays for {@link #restart}.
   */
  public void stopHard() {
    asPostgres(BIN.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-m", "immediate", "-w",
        "stop");
    running = false;
  }

  /** Starts the stopped server again on the same port with the same data (it recovers from its WAL). */
  public void restart() {
    startServer();
  }

  private void startServer() {
    asPostgres(BIN.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(),
        "-l", folder.resolve("postgres.log").toString(), "-w", "-t", "60",
        "-o", "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off",
        "start");
    running = true;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  /** Creates an empty database and returns its JDBC URL (a fresh database per test keeps tests apart). */
  public String createDatabase() {
    String name = "test" + java.util.UUID.randomUUID().toString().replace("-", "");
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(jdbcUrl(), USER, "");
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
  }

  public int port() {
    return port;
  }

  /** Stops the server and deletes its folder. */
  @Override
  public void close() {
    if (running) {
      asPostgres(BIN.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-m", "fast", "-w",
          "stop");
      running = false;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary folder is harmless
    }
  }

  private void asPostgres(String... command) {
    List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    full.addAll(List.of(command));
    run(full);
  }

  private static void run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
