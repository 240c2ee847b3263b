package net.icqtransport.distribution.operations;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import org.h2.tools.Server;

/**
 * Lets {@code icq-transport registrations ...} reach the embedded H2 database while the transport holds it.
 *
 * <p>H2 opens a database file in one process only. Its own answer, {@code AUTO_SERVER=TRUE}, cannot be used:
 * it requires H2 to close the database in its own shutdown hook ({@code AUTO_SERVER} and
 * {@code DB_CLOSE_ON_EXIT=FALSE} exclude each other), while the transport's shutdown still writes to it after
 * SIGTERM (signing users off, holding undelivered messages). So the transport serves the open database itself:
 * an H2 TCP server on a free loopback port that only opens this database under a random name
 * ({@code -key}), refuses connections from other hosts (no {@code -tcpAllowOthers}), and whose address and
 * name are in {@code <database>.server} beside the database, created {@code rw-------} (whoever can read it can
 * read the database file too). The command line reads that file ({@link #sharedUrl}); the file is deleted when
 * the transport stops, and one left behind by a killed transport points at a closed port.
 */
public final class EmbeddedDatabaseServer implements AutoCloseable {
  /** What {@code <database file>} + this names: the file with the shared database's URL. */
  static final String SUFFIX = ".server";
  private static final String URL = "url";

  private final Server server;
  private final Path file;

  private EmbeddedDatabaseServer(Server server, Path file) {
    this.server = server;
    this.file = file;
  }

  /**
   * Makes H2 listen on loopback only (the system property {@code h2.bindAddress}, read when H2 is first used:
   * call before the database is opened). Without it H2's TCP server binds every interface, and only refuses
   * other hosts after accepting them.
   */
  public static void bindToLoopback() {
    if (System.getProperty("h2.bindAddress") == null) {
      System.setProperty("h2.bindAddress", "127.0.0.1");
    }
  }

  /** The JDBC URL of the embedded database in {@code file} (H2 adds {@code .mv.db}), opened in this process. */
  public static String embeddedUrl(Path file) {
    return "jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  /**
   * Serves the embedded database in {@code databaseFile}, which this process has open, to the command line.
   *
   * @throws IOException if the server cannot start or its file cannot be written
   */
  public static EmbeddedDatabaseServer start(Path databaseFile) throws IOException {
    Path absolute = databaseFile.toAbsolutePath();
    SecureRandom random = new SecureRandom();
    String name = randomHex(random);
    Server server;
    try {
      server = Server.createTcpServer("-tcpPort", "0", "-tcpDaemon", "-tcpPassword", randomHex(random),
          "-key", name, absolute.toString()).start();
    } catch (SQLException e) {
      throw new IOException("cannot start the database server: " + e.getMessage(), e);
    }
    Path file = serverFile(absolute);
    try {
      Path temporary = absolute.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(temporary);
      PrivateFiles.createFile(temporary);
      Properties properties = new Properties();
      properties.setProperty(URL, "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/" + name);
      try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
        properties.store(out, "The running transport's database, for icq-transport registrations (private)");
      }
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      server.stop();
      throw e;
    }
    return new EmbeddedDatabaseServer(server, file);
  }

  /** The URL under which a running transport shares the embedded database in {@code databaseFile}, if one does. */
  public static Optional<String> sharedUrl(Path databaseFile) throws IOException {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(serverFile(databaseFile.toAbsolutePath()), StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.ofNullable(properties.getProperty(URL));
  }

  private static Path serverFile(Path absoluteDatabaseFile) {
    return absoluteDatabaseFile.resolveSibling(absoluteDatabaseFile.getFileName() + SUFFIX);
  }

  private static String randomHex(SecureRandom random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Stops serving (open command-line sessions end) and deletes the file. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a stale file points at a closed port: the command line then opens the database itself
    }
    server.stop();
  }
}
