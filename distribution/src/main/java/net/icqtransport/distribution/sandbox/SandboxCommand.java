package net.icqtransport.distribution.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.icqtransport.xmpp.server.PrivateProsody;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code icq-transport sandbox}: starts a {@link Sandbox} (installing Debian's {@code prosody} first when
 * missing and run as root), prints how to log in, and runs until Ctrl-C or SIGTERM. Ports not chosen are free
 * ones, printed with the instructions.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
    description = "Try the transport on this machine: a private Prosody, the OSCAR simulator with demo accounts "
        + "and the transport, all on 127.0.0.1, until Ctrl-C.")
public final class SandboxCommand implements Callable<Integer> {
  @Option(names = "--folder", defaultValue = "sandbox",
      description = "Where Prosody's config, data and logs and the registrations go (default: ${DEFAULT-VALUE}).")
  Path folder;

  @Option(names = "--client-port", defaultValue = "0",
      description = "Prosody's client port (default: a free one, printed at start).")
  int clientPort;

  @Option(names = "--component-port", defaultValue = "0",
      description = "Prosody's component port (default: a free one, printed at start).")
  int componentPort;

  @Option(names = "--oscar-port", defaultValue = "0",
      description = "The OSCAR simulator's login port (default: a free one, printed at start).")
  int oscarPort;

  @Option(names = "--http-port", defaultValue = "0",
      description = "The transport's /metrics and /health port (default: a free one, printed at start).")
  int httpPort;

  @Option(names = {"--demo-password", "--password"},
      description = "The Jabber password of demo@localhost, kept in FOLDER/" + Sandbox.PASSWORD_FILE
          + " for later starts (default: the kept one; at the first start a random one).")
  String password;

  @Option(names = "--verbose", description = "Log the transport's INFO messages (default: warnings only).")
  boolean verbose;

  @Override
  public Integer call() throws InterruptedException {
    if (!PrivateProsody.isInstalled() && !install()) {
      return 1;
    }
    Sandbox sandbox;
    try {
      sandbox = Sandbox.start(
          new Sandbox.Options(folder, clientPort, componentPort, oscarPort, httpPort, password, verbose));
    } catch (SandboxRefusedException e) {
      System.err.println(e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      System.err.println("The sandbox did not start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      System.out.println("Stopping the sandbox...");
      sandbox.close();
      stopped.countDown();
    }, "sandbox-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    System.out.println(sandbox.instructions());
    stopped.await();
    return 0;
  }

  /** Installs Debian's prosody when root; otherwise says how. True when it is there afterwards. */
  private static boolean install() throws InterruptedException {
    if (!"root".equals(System.getProperty("user.name"))) {
      System.err.println("The sandbox needs Prosody (Debian package 'prosody'), which is not installed. Install it:");
      System.err.println("  sudo apt-get update && sudo apt-get install -y prosody");
      System.err.println("(the system service is not used; the sandbox runs its own Prosody on 127.0.0.1)");
      return false;
    }
    System.out.println("Prosody is missing: installing Debian's package 'prosody' (apt-get update && apt-get install -y prosody)...");
    boolean done = run(List.of("apt-get", "update", "-qq")) && run(List.of("apt-get", "install", "-y", "-qq", "prosody"));
    if (!done || !PrivateProsody.isInstalled()) {
      System.err.println("Installing prosody failed; install it by hand: apt-get install -y prosody");
      return false;
    }
    return true;
  }

  private static boolean run(List<String> command) throws InterruptedException {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
      builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
      Process process = builder.start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0;
    } catch (java.io.IOException e) {
      System.err.println(String.join(" ", command) + ": " + e.getMessage());
      return false;
    }
  }
}
