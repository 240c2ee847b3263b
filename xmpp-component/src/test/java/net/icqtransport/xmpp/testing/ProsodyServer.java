package net.icqtransport.xmpp.testing;

import java.nio.file.Path;
import java.time.Duration;
import net.icqtransport.xmpp.server.PrivateProsody;

/**
 * A private Prosody for one test class ({@link PrivateProsody}, the launcher the sandbox command uses too) on
 * free loopback ports, stopped by {@link #close()}. Fails with a clear message when the Debian package
 * {@code prosody} is not installed: end-to-end tests never skip. Shared with the distribution module's
 * end-to-end tests through this module's test jar.
 */
public final class ProsodyServer implements XmppTestServer {
  public static final String DOMAIN = PrivateProsody.DOMAIN;
  /** No test runs longer; the guard ends a hanging Prosody. */
  private static final Duration LIFETIME = Duration.ofMinutes(15);

  private final PrivateProsody prosody;

  private ProsodyServer(PrivateProsody prosody) {
    this.prosody = prosody;
  }

  /** Writes the config into {@code folder}; call {@link #start()} after adding users. */
  public static ProsodyServer create(Path folder, String componentDomain, String componentSecret) {
    return new ProsodyServer(PrivateProsody.create(folder, componentDomain, componentSecret, 0, 0, LIFETIME));
  }

  /** Adds mod_http_file_share (XEP-0363) on a free loopback HTTP port; before {@link #start()}. */
  public ProsodyServer enableHttpFileShare(long sizeLimit) {
    prosody.enableHttpFileShare(sizeLimit);
    return this;
  }

  /**
   * Grants the component XEP-0356 privileges through Debian's mod_privilege (before {@link #start()}); fails
   * naming the package {@code prosody-modules} when it is missing. See {@link PrivateProsody#enablePrivilege}.
   */
  public ProsodyServer enablePrivilege() {
    prosody.enablePrivilege();
    return this;
  }

  /** The upload service's HTTP port (0 unless enabled). */
  public int httpPort() {
    return prosody.httpPort();
  }

  /** Adds another XEP-0114 component domain (before {@link #start()}); see {@link PrivateProsody#addComponent}. */
  public ProsodyServer addComponent(String domain, String secret) {
    prosody.addComponent(domain, secret);
    return this;
  }

  /** Logs at {@code level} instead of "debug" (before {@link #start()}); see {@link PrivateProsody#logLevel}. */
  public ProsodyServer logLevel(String level) {
    prosody.logLevel(level);
    return this;
  }

  /** Adds a Jabber account {@code user@localhost} (before or while the server runs). */
  @Override
  public void addUser(String user, String password) {
    prosody.addUser(user, password);
  }

  @Override
  public java.util.List<ProcessHandle> processes() {
    return prosody.processes();
  }

  /**
   * Starts Prosody and waits until both listeners are its own. The ports were free when chosen; another program
   * may have taken one since, and it would answer the test's clients ("host-unknown"): then the start fails
   * naming the port ({@link net.icqtransport.xmpp.server.ProsodyPortTakenException}).
   */
  @Override
  public void start() {
    prosody.start();
  }

  /** Stops Prosody (SIGTERM, then SIGKILL after a grace period) and waits for it to exit. */
  @Override
  public void stop() {
    prosody.stop();
  }

  /**
   * Kills Prosody at once (SIGKILL, as a crash or an OOM kill): unlike {@link #stop()} it tells nobody, so the
   * component sees its socket die while the users' sessions are still thought online. {@link #start()} again.
   */
  public void crash() {
    prosody.crash();
  }

  @Override
  public int clientPort() {
    return prosody.clientPort();
  }

  @Override
  public int componentPort() {
    return prosody.componentPort();
  }

  @Override
  public String componentDomain() {
    return prosody.componentDomain();
  }

  @Override
  public String componentSecret() {
    return prosody.componentSecret();
  }

  public Path folder() {
    return prosody.folder();
  }

  /** Prosody's log so far, for failure messages. */
  @Override
  public String log() {
    return prosody.log();
  }

  @Override
  public void close() {
    prosody.close();
  }

  /** A port that was free a moment ago on 127.0.0.1. */
  public static int freePort() {
    return PrivateProsody.freePort();
  }
}
