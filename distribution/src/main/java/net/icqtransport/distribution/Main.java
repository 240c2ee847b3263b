package net.icqtransport.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import net.icqtransport.distribution.config.ConfigurationException;
import net.icqtransport.distribution.config.ConfigurationReference;
import net.icqtransport.distribution.config.TransportConfig;
import net.icqtransport.distribution.operations.OperationsHttpServer;
import net.icqtransport.distribution.sandbox.SandboxCommand;
import net.icqtransport.oscar.server.OscarSimulatorMain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code icq-transport} command line. */
@Command(
    name = "icq-transport",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "ICQ transport for Jabber/XMPP (an XEP-0114 component).",
    subcommands = {Main.Run.class, Main.CheckConfig.class, Main.ConfigReference.class, RegistrationsCommand.class,
        Main.Simulator.class, SandboxCommand.class})
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  public static void main(String[] args) {
    int exit = new CommandLine(new Main()).execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /** The project's version, from the resource Maven filters at build time. */
  static final class Version implements CommandLine.IVersionProvider {
    static String version() {
      Properties properties = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("/icq-transport-version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      } catch (IOException e) {
        // reported as unknown below
      }
      String version = properties.getProperty("version", "");
      return version.isEmpty() || version.contains("${") ? "(unknown version)" : version;
    }

    @Override
    public String[] getVersion() {
      return new String[] {"icq-transport " + version()};
    }
  }

  /** Prints a configuration problem: one line, or a heading and one indented line per problem. */
  static void printConfigurationError(PrintStream out, Path config, ConfigurationException e) {
    List<String> lines = e.getMessage().lines().toList();
    if (lines.size() == 1) {
      out.println("Configuration error in " + config + ": " + lines.get(0));
    } else {
      out.println("Configuration errors in " + config + ":");
      lines.forEach(line -> out.println("  " + line));
    }
  }

  /** {@code icq-transport run --config FILE}: runs the transport until SIGTERM or SIGINT. */
  @Command(name = "run", mixinStandardHelpOptions = true, description = "Run the transport. Exits with 2 on a "
      + "configuration error (also a taken HTTP port), with 3 when the database is unreachable at start.")
  static final class Run implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, description = "The configuration file (HOCON).")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
      TransportConfig settings;
      try {
        settings = TransportConfig.load(config);
      } catch (ConfigurationException e) {
        printConfigurationError(System.err, config, e);
        return 2;
      }
      settings.warnings().forEach(warning -> LOG.warn("{}: {}", config, warning));
      LOG.info("Starting icq-transport {} with {}", Version.version(), settings);
      TransportApplication application;
      try {
        application = TransportApplication.start(settings);
      } catch (DatabaseUnavailableException e) {
        LOG.error("Not started: {}; exiting with code {} so that the service manager retries", e.getMessage(),
            DatabaseUnavailableException.EXIT_CODE);
        System.err.println("Database unavailable: " + e.getMessage());
        return DatabaseUnavailableException.EXIT_CODE;
      } catch (OperationsHttpServer.ListenException e) {
        String message = "Cannot serve /metrics and /health: " + e.getMessage() + "; set icq-transport.http.port "
            + "(ICQ_TRANSPORT_HTTP_PORT) to a free port (0 picks one), or http.enabled = false";
        LOG.error("Not started: {}", message);
        System.err.println(message);
        return 2;
      } catch (ConfigurationException e) {
        LOG.error("Not started: {}", e.getMessage());
        printConfigurationError(System.err, config, e);
        return 2;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        LOG.info("Shutting down");
        application.close();
        stopped.countDown();
      }, "shutdown"));
      stopped.await();
      return 0;
    }
  }

  /**
   * {@code icq-transport check-config --config FILE}: validates a configuration, naming every wrong key (with its
   * line), or summarizes what it sets up, with warnings for settings that work but should not stay.
   */
  @Command(name = "check-config", mixinStandardHelpOptions = true,
      description = "Check a configuration file: print every wrong key with its line and the reason, or a summary "
          + "of what it sets up and any warnings.")
  static final class CheckConfig implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, description = "The configuration file (HOCON).")
    Path config;

    @Override
    public Integer call() {
      TransportConfig settings;
      try {
        settings = TransportConfig.load(config);
      } catch (ConfigurationException e) {
        System.out.println(config + " has problems:");
        e.getMessage().lines().forEach(line -> System.out.println("  " + line));
        return 2;
      }
      int warnings = settings.warnings().size();
      System.out.println("OK: " + config + (warnings == 0 ? "" : warnings == 1 ? " (1 warning)" : " (" + warnings
          + " warnings)"));
      settings.summary().forEach(line -> System.out.println("  " + line));
      if (warnings > 0) {
        System.out.println(warnings == 1 ? "Warning:" : "Warnings:");
        settings.warnings().forEach(warning -> System.out.println("  " + warning));
      }
      return 0;
    }
  }

  /** {@code icq-transport config-reference}: prints docs/configuration.md (every key, default, variable). */
  @Command(name = "config-reference", mixinStandardHelpOptions = true,
      description = "Print the configuration reference (Markdown): every key, its default and its meaning.")
  static final class ConfigReference implements Callable<Integer> {
    @Override
    public Integer call() {
      System.out.print(ConfigurationReference.markdown());
      return 0;
    }
  }

  /** {@code icq-transport simulator ...}: runs the bundled OSCAR server simulator. */
  @Command(name = "simulator", description = "Run the OSCAR (ICQ) server simulator: --port N, --bos-port N, "
      + "--account UIN:PASSWORD, --contact OWNER:CONTACT[:NICK[:GROUP]], --echo-bot UIN, --host ADDRESS; "
      + "--help lists every option.")
  static final class Simulator implements Callable<Integer> {
    static final String COMMAND = "icq-transport simulator";

    @CommandLine.Unmatched
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
      try {
        OscarSimulatorMain.run(COMMAND, arguments.toArray(new String[0]));
      } catch (IllegalArgumentException | IllegalStateException e) { // e.g. a port in use, an unreadable certificate
        System.err.println(COMMAND + ": " + e.getMessage());
        return 1;
      }
      return 0;
    }
  }
}
