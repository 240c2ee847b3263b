package net.icqtransport.distribution;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.icqtransport.core.crypto.DatabaseKey;
import net.icqtransport.core.crypto.PasswordCipher;
import net.icqtransport.core.crypto.PasswordCipherException;
import net.icqtransport.core.registration.JdbcRegistrationStore;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.registration.StoreException;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.distribution.config.ConfigurationException;
import net.icqtransport.distribution.config.TransportConfig;
import net.icqtransport.distribution.operations.EmbeddedDatabaseServer;
import net.icqtransport.distribution.operations.LogLevels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code icq-transport registrations list|show|remove|rotate-key}: the registration database for operators. Passwords
 * are never shown. Works while the transport runs: the embedded database is reached through the running
 * transport ({@link EmbeddedDatabaseServer}), a database URL directly. Needs the transport's configuration for
 * the database and its key, not the component secret. Never creates a database or a key: a configuration that
 * names none that exists is refused. Every expected failure is one line on standard error and exit code 2.
 *
 * <p>Removing a registration here does not sign a running transport's session off; use the admin ad-hoc command
 * for that, or stop the transport first.
 */
@Command(name = "registrations", mixinStandardHelpOptions = true,
    description = "List, show or remove registrations in the transport's database (also while it runs).",
    subcommands = {RegistrationsCommand.ListAll.class, RegistrationsCommand.Show.class,
        RegistrationsCommand.Remove.class, RegistrationsCommand.RotateKey.class})
final class RegistrationsCommand {
  /** H2's "Database may be already in use": another process holds the file. */
  private static final int H2_DATABASE_IN_USE = 90020;

  @Option(names = {"-c", "--config"}, required = true, scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "The transport's configuration file (it names the database).")
  Path config;

  /** An expected failure: its message is the one line the operator sees. */
  private static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    Refusal(String message) {
      super(message);
    }
  }

  /** Opens the store, runs {@code action}, closes it; see {@link #withStore(StoreAction, boolean)}. */
  int withStore(StoreAction action) {
    return withStore(action, false);
  }

  /**
   * Opens the store, runs {@code action}, closes it; every expected failure is one line and exit code 2.
   *
   * @param exclusive the action must not run while the transport runs (it would go on with a stale key)
   */
  int withStore(StoreAction action, boolean exclusive) {
    // The pool's and Flyway's own log lines would bury the answer: only what goes wrong, and that as one line.
    try (LogLevels.Restore quiet = LogLevels.applyUntilClosed(
        Map.of("com.zaxxer.hikari", "OFF", "org.flywaydb", "ERROR", "net.icqtransport", "WARN"))) {
      TransportConfig settings = settings();
      PasswordCipher cipher = DatabaseKeys.existingCipher(settings);
      try (HikariDataSource dataSource = open(settings, exclusive);
          JdbcRegistrationStore store = new JdbcRegistrationStore(dataSource, cipher)) {
        return action.run(store, System.out);
      }
    } catch (Refusal e) {
      System.err.println("Error: " + e.getMessage());
    } catch (ConfigurationException e) {
      Main.printConfigurationError(System.err, config, e);
    } catch (StoreException | PasswordCipherException e) {
      System.err.println("Error: " + oneLine(e));
    }
    return 2;
  }

  private TransportConfig settings() throws Refusal {
    TransportConfig settings = TransportConfig.loadForDatabaseTools(config);
    if (settings.databaseUrl().isEmpty()) {
      Path file = settings.databaseFile().toAbsolutePath();
      Path data = file.resolveSibling(file.getFileName() + ".mv.db");
      if (!Files.isRegularFile(data)) {
        throw new Refusal("no registration database at " + data + " (icq-transport.database.file = \""
            + settings.databaseFile() + "\" in " + config
            + (settings.databaseFile().isAbsolute() ? "" : ", relative to the working directory "
                + Path.of("").toAbsolutePath()) + "); is it the transport's configuration?");
      }
    }
    return settings;
  }

  /**
   * The transport's database: a URL as configured; the embedded file through the running transport if it shares
   * it (and the action is not {@code exclusive}), else opened here, never created.
   */
  private static HikariDataSource open(TransportConfig settings, boolean exclusive) throws Refusal {
    if (!settings.databaseUrl().isEmpty()) {
      try {
        return TransportApplication.dataSource(settings);
      } catch (HikariPool.PoolInitializationException e) {
        throw new Refusal("cannot reach the database " + settings.databaseName() + ": " + rootMessage(e));
      }
    }
    Path file = settings.databaseFile().toAbsolutePath();
    String name = file + ".mv.db";
    if (!exclusive) {
      Optional<String> shared;
      try {
        shared = EmbeddedDatabaseServer.sharedUrl(file);
      } catch (IOException e) {
        throw new Refusal("cannot read " + file + ".server (the running transport's address): " + e.getMessage());
      }
      if (shared.isPresent()) {
        try {
          return JdbcRegistrationStore.pooled(shared.get(), "sa", "", settings.databaseConnectionTimeout());
        } catch (HikariPool.PoolInitializationException e) {
          // left behind by a transport that was killed: nobody listens there; open the file instead
        }
      }
    }
    try {
      // IFEXISTS: never create a database; no trace file written for this tool's own failures.
      return JdbcRegistrationStore.pooled(EmbeddedDatabaseServer.embeddedUrl(file) + ";IFEXISTS=TRUE;TRACE_LEVEL_FILE=0",
          "sa", "", settings.databaseConnectionTimeout());
    } catch (HikariPool.PoolInitializationException e) {
      if (errorCode(e) == H2_DATABASE_IN_USE) {
        throw new Refusal(exclusive
            ? "the database " + name + " is in use (is the transport running?): stop the transport first; it would "
                + "go on reading passwords with the old key"
            : "the database " + name + " is in use by a program that does not share it (a transport of an older "
                + "version, or another tool): stop it and try again");
      }
      throw new Refusal("cannot open the database " + name + ": " + rootMessage(e));
    }
  }

  private static int errorCode(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getErrorCode() != 0) {
        return sql.getErrorCode();
      }
    }
    return 0;
  }

  /** The innermost message, first line, without H2's error code suffix. */
  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse("").replaceFirst(" \\[\\d+-\\d+]$", "");
  }

  private static String oneLine(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return e.getCause() == null || e.getCause() == e ? message : message + ": " + rootMessage(e.getCause());
  }

  /** The canonical bare JID of {@code jid} (stringprepped as the transport stores it), or a one-line refusal. */
  static UserAddress user(String jid) throws Refusal {
    try {
      org.xmpp.packet.JID parsed = new org.xmpp.packet.JID(jid);
      if (parsed.getNode() == null || parsed.getResource() != null) {
        throw new Refusal("not a bare JID (user@domain): " + jid);
      }
      return new UserAddress(parsed.toBareJID());
    } catch (IllegalArgumentException e) {
      throw new Refusal("not a valid JID: " + jid);
    }
  }

  @FunctionalInterface
  interface StoreAction {
    int run(JdbcRegistrationStore store, PrintStream out);
  }

  static String describe(Registration registration) {
    return registration.user() + "\tICQ " + registration.credentials().account() + "\tregistered "
        + registration.registeredAt();
  }

  /** {@code n} and the noun, singular for one: "1 registration", "2 registrations". */
  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every registration.")
  static final class ListAll implements Callable<Integer> {
    @ParentCommand RegistrationsCommand parent;

    @Override
    public Integer call() {
      return parent.withStore((store, out) -> {
        List<Registration> all = store.all();
        all.forEach(registration -> out.println(describe(registration)));
        out.println(count(all.size(), "registration"));
        return 0;
      });
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one user's registration.")
  static final class Show implements Callable<Integer> {
    @ParentCommand RegistrationsCommand parent;

    @Parameters(paramLabel = "JID", description = "The user's bare JID.")
    String jid;

    @Override
    public Integer call() {
      UserAddress user;
      try {
        user = user(jid);
      } catch (Refusal e) {
        System.err.println("Error: " + e.getMessage());
        return 2;
      }
      return parent.withStore((store, out) -> {
        Optional<Registration> registration = store.find(user);
        if (registration.isEmpty()) {
          out.println(user + " is not registered");
          return 1;
        }
        out.println(describe(registration.get()));
        return 0;
      });
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete one user's registration (a "
      + "running transport keeps their session until they go offline).")
  static final class Remove implements Callable<Integer> {
    @ParentCommand RegistrationsCommand parent;

    @Parameters(paramLabel = "JID", description = "The user's bare JID.")
    String jid;

    @Override
    public Integer call() {
      UserAddress user;
      try {
        user = user(jid);
      } catch (Refusal e) {
        System.err.println("Error: " + e.getMessage());
        return 2;
      }
      return parent.withStore((store, out) -> {
        if (!store.delete(user)) {
          out.println(user + " is not registered");
          return 1;
        }
        out.println("Removed the registration of " + user);
        return 0;
      });
    }
  }

  /**
   * Re-encrypts every stored password with a new key, in one transaction. Refused while the transport runs, which
   * would go on with the old key. Afterwards the configuration must name the new key ({@code database.key-file}).
   */
  @Command(name = "rotate-key", mixinStandardHelpOptions = true,
      description = "Re-encrypt every password with a new key (generated into the file if it does not exist); "
          + "the transport must be stopped.")
  static final class RotateKey implements Callable<Integer> {
    @ParentCommand RegistrationsCommand parent;

    @Option(names = "--new-key-file", required = true, description = "The new key (base64); created if missing.")
    Path newKeyFile;

    @Override
    public Integer call() {
      DatabaseKey next;
      boolean generated = !Files.exists(newKeyFile);
      try {
        if (generated) {
          DatabaseKeys.write(newKeyFile, DatabaseKey.generate());
        }
        next = DatabaseKeys.read(newKeyFile);
      } catch (IOException | ConfigurationException e) {
        System.err.println("Error: cannot use " + newKeyFile + ": " + e.getMessage());
        return 2;
      }
      int exit = parent.withStore((store, out) -> {
        int rewritten = store.rotateKey(new PasswordCipher(next));
        out.println("Re-encrypted " + count(rewritten, "password") + " with key " + next.id()
            + ". Now set icq-transport.database.key-file = \"" + newKeyFile.toAbsolutePath() + "\" (or "
            + "ICQ_TRANSPORT_DATABASE_KEY) before starting the transport; the old key no longer reads them.");
        return 0;
      }, true);
      if (exit == 2 && generated) {
        try {
          Files.deleteIfExists(newKeyFile); // nothing was re-encrypted with it
        } catch (IOException e) {
          // an unused key file stays behind
        }
      }
      return exit;
    }
  }
}
