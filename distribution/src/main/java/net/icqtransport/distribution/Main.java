package net.icqtransport.distribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import net.icqtransport.distribution.config.ConfigurationException;
import net.icqtransport.distribution.config.ConfigurationReference;
import net.icqtransport.distribution.config.TransportConfig;
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

  /** {@code icq-transport run --config FILE}: runs the transport until SIGTERM or SIGINT. */
  @Command(name = "run", mixinStandardHelpOptions = true, description = "Run the transport. Exits with 2 on a "
      + "configuration error, with 3 when the database is unreachable at start.")
  static final class Run implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, description = "The configuration file (HOCON).")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
      TransportConfig settings;
      try {
        settings = TransportConfig.load(config);
      } catch (ConfigurationException e) {
        System.err.println("Configuration error: " + e.getMessage());
        return 2;
      }
      LOG.info("Starting with {}", settings);
      TransportApplication application;
      try {
        application = TransportApplication.start(settings);
      } catch (DatabaseUnavailableException e) {
        LOG.error("Not started: {}; exiting with code {} so that the service manager retries", e.getMessage(),
            DatabaseUnavailableException.EXIT_CODE);
        System.err.println("Database unavailable: " + e.getMessage());
        return DatabaseUnavailableException.EXIT_CODE;
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

  /** {@code icq-transport check-config --config FILE}: validates a configuration, naming every wrong key. */
  @Command(name = "check-config", mixinStandardHelpOptions = true,
      description = "Check a configuration file; print every wrong key with the reason.")
  static final class CheckConfig implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, description = "The configuration file (HOCON).")
    Path config;

    @Override
    public Integer call() {
      try {
        TransportConfig settings = TransportConfig.load(config);
        System.out.println("OK: " + settings);
        return 0;
      } catch (ConfigurationException e) {
        System.out.println(config + " has problems:");
        e.getMessage().lines().forEach(line -> System.out.println("  " + line));
        return 2;
      }
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
      + "--account UIN:PASSWORD, --contact OWNER:CONTACT[:NICK[:GROUP]], --echo-bot UIN, --host ADDRESS.")
  static final class Simulator implements Callable<Integer> {
    @CommandLine.Unmatched
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      OscarSimulatorMain.main(arguments.toArray(new String[0]));
      return 0;
    }
  }
}
