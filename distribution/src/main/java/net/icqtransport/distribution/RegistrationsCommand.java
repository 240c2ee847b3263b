package net.icqtransport.distribution;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.icqtransport.core.crypto.DatabaseKey;
import net.icqtransport.core.crypto.PasswordCipher;
import net.icqtransport.core.crypto.PasswordCipherException;
import net.icqtransport.core.registration.JdbcRegistrationStore;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.distribution.config.ConfigurationException;
import net.icqtransport.distribution.config.TransportConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code icq-transport registrations list|show|remove|rotate-key}: the registration database for operators. Passwords
 * are never shown. Removing a registration here does not sign a running transport's session off; use the
 * admin ad-hoc command for that, or stop the transport first.
 */
@Command(name = "registrations", mixinStandardHelpOptions = true,
    description = "List, show or remove registrations in the transport's database.",
    subcommands = {RegistrationsCommand.ListAll.class, RegistrationsCommand.Show.class,
        RegistrationsCommand.Remove.class, RegistrationsCommand.RotateKey.class})
final class RegistrationsCommand {
  @Option(names = {"-c", "--config"}, required = true, scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "The configuration file naming the database.")
  Path config;

  /** Opens the store, runs {@code action}, closes it; configuration errors exit with 2. */
  int withStore(StoreAction action) {
    TransportConfig settings;
    try {
      settings = TransportConfig.load(config);
    } catch (ConfigurationException e) {
      System.err.println("Configuration error: " + e.getMessage());
      return 2;
    }
    PasswordCipher cipher;
    try {
      cipher = DatabaseKeys.cipher(settings);
    } catch (ConfigurationException | IllegalArgumentException e) {
      System.err.println("Configuration error: " + e.getMessage());
      return 2;
    }
    HikariDataSource dataSource = TransportApplication.dataSource(settings);
    try (JdbcRegistrationStore store = new JdbcRegistrationStore(dataSource, cipher)) {
      return action.run(store, System.out);
    } catch (PasswordCipherException e) {
      System.err.println("Error: " + e.getMessage());
      return 2;
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

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every registration.")
  static final class ListAll implements Callable<Integer> {
    @ParentCommand RegistrationsCommand parent;

    @Override
    public Integer call() {
      return parent.withStore((store, out) -> {
        List<Registration> all = store.all();
        all.forEach(registration -> out.println(describe(registration)));
        out.println(all.size() + " registrations");
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
      return parent.withStore((store, out) -> {
        Optional<Registration> registration = store.find(new UserAddress(jid));
        if (registration.isEmpty()) {
          out.println(jid + " is not registered");
          return 1;
        }
        out.println(describe(registration.get()));
        return 0;
      });
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete one user's registration.")
  static final class Remove implements Callable<Integer> {
    @ParentCommand RegistrationsCommand parent;

    @Parameters(paramLabel = "JID", description = "The user's bare JID.")
    String jid;

    @Override
    public Integer call() {
      return parent.withStore((store, out) -> {
        if (!store.delete(new UserAddress(jid))) {
          out.println(jid + " is not registered");
          return 1;
        }
        out.println("Removed the registration of " + jid);
        return 0;
      });
    }
  }

  /**
   * Re-encrypts every stored password with a new key, in one transaction; the transport should be stopped.
   * Afterwards the configuration must name the new key ({@code database.key-file}).
   */
  @Command(name = "rotate-key", mixinStandardHelpOptions = true,
      description = "Re-encrypt every password with a new key (generated into the file if it does not exist).")
  static final class RotateKey implements Callable<Integer> {
    @ParentCommand RegistrationsCommand parent;

    @Option(names = "--new-key-file", required = true, description = "The new key (base64); created if missing.")
    Path newKeyFile;

    @Override
    public Integer call() {
      DatabaseKey next;
      try {
        if (!Files.exists(newKeyFile)) {
          DatabaseKeys.write(newKeyFile, DatabaseKey.generate());
        }
        next = DatabaseKeys.read(newKeyFile);
      } catch (IOException | ConfigurationException e) {
        System.err.println("Error: cannot use " + newKeyFile + ": " + e.getMessage());
        return 2;
      }
      return parent.withStore((store, out) -> {
        int rewritten = store.rotateKey(new PasswordCipher(next));
        out.println("Re-encrypted " + rewritten + " passwords with key " + next.id()
            + ". Now set icq-transport.database.key-file = \"" + newKeyFile.toAbsolutePath() + "\" (or "
            + "ICQ_TRANSPORT_DATABASE_KEY) before starting the transport; the old key no longer reads them.");
        return 0;
      });
    }
  }
}
