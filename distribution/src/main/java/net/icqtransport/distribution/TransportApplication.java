package net.icqtransport.distribution;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import net.icqtransport.core.bridge.BridgeGateway;
import net.icqtransport.core.bridge.BridgeSettings;
import net.icqtransport.core.bridge.LoginPacer;
import net.icqtransport.core.bridge.LoginRateRecorder;
import net.icqtransport.core.registration.JdbcContactSyncStore;
import net.icqtransport.core.registration.JdbcLoginRateStore;
import net.icqtransport.core.registration.LearnedLoginRate;
import net.icqtransport.core.registration.JdbcPendingDeliveryStore;
import net.icqtransport.core.registration.FailFastDataSource;
import net.icqtransport.core.registration.JdbcRegistrationStore;
import net.icqtransport.core.registration.RegistrationStore;
import net.icqtransport.core.registration.StoreException;
import net.icqtransport.core.user.SessionState;
import net.icqtransport.distribution.config.ConfigurationException;
import net.icqtransport.distribution.config.TransportConfig;
import net.icqtransport.distribution.operations.DatabaseCheck;
import net.icqtransport.distribution.operations.EmbeddedDatabaseServer;
import net.icqtransport.distribution.operations.LogLevels;
import net.icqtransport.distribution.operations.MicrometerTransportMetrics;
import net.icqtransport.distribution.operations.OperationsHttpServer;
import net.icqtransport.distribution.operations.PrivateFiles;
import net.icqtransport.distribution.operations.QueueMeters;
import net.icqtransport.oscar.client.LoginMethod;
import net.icqtransport.oscar.icq.IcqNetwork;
import net.icqtransport.oscar.icq.IcqNetworkSettings;
import net.icqtransport.xmpp.ComponentSettings;
import net.icqtransport.xmpp.TransportComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running transport: the registration store, the ICQ network, the XMPP component and the bridge
 * gateway between them, wired with plain constructors. {@link #close()} stops them in the order that signs
 * every user off cleanly.
 */
public final class TransportApplication implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TransportApplication.class);
  /** How often the learned login rate is looked at, and written if it changed. */
  private static final Duration LOGIN_RATE_RECORDING = Duration.ofSeconds(5);
  /** While the database does not answer, how often a connection is tried again off the lanes. */
  private static final Duration DATABASE_PROBE_INTERVAL = Duration.ofSeconds(1);

  private final HikariDataSource dataSource;
  /** Tries the database again while it does not answer ({@link FailFastDataSource}); its waits block only it. */
  private final ScheduledExecutorService databaseProbe = Executors.newSingleThreadScheduledExecutor(
      new ThreadFactoryBuilder().setNameFormat("database-probe").setDaemon(true).build());
  private final JdbcRegistrationStore store;
  private final IcqNetwork network;
  private final TransportComponent component;
  private final BridgeGateway gateway;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService workers;
  /** Keeps the login rate learned from the login server in the database, for the next start. */
  private final LoginRateRecorder loginRates;
  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MicrometerTransportMetrics metrics = new MicrometerTransportMetrics(meters);
  private final TransportConfig config;
  private final DatabaseCheck databaseCheck;
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
  /** The embedded database shared with the command line; null with a database URL or if it could not start. */
  private final EmbeddedDatabaseServer databaseServer;
  private OperationsHttpServer http;

  /** OFT on the ICQ side, XEP-0363/XEP-0066 on the Jabber side (docs/file-transfer.md). */
  private void enableFileTransfers(net.icqtransport.distribution.config.FileTransferConfig files) {
    net.icqtransport.oscar.icq.IcqFileTransferSettings oft = net.icqtransport.oscar.icq.IcqFileTransferSettings
        .defaults()
        .withListener(files.listenHost(), files.advertisedAddress().isBlank() ? null : files.advertisedAddress(),
            files.portMin(), files.portMax())
        .withProxy(files.proxyHost().isBlank() ? null : files.proxyHost(), files.proxyPort(), files.sendViaProxy())
        .withTimeouts(java.time.Duration.ofSeconds(10), files.answerTimeout(), java.time.Duration.ofSeconds(30));
    network.enableFileTransfers(oft, 16);
    component.enableFileTransfers(
        new net.icqtransport.xmpp.filetransfer.FileTransferSettings(files.maxSize(), files.httpTimeout()));
  }

  private TransportApplication(TransportConfig config, TransportTimers timers) {
    this.config = config;
    LogLevels.apply(config.loggingLevels());
    dataSource = openDatabase(config);
    // The stores are called on the users' lanes, on the ICQ event loops: a database that does not answer is waited
    // for once, not at every call (FailFastDataSource).
    DataSource stores = new FailFastDataSource(dataSource, databaseProbe, DATABASE_PROBE_INTERVAL);
    try {
      store = new JdbcRegistrationStore(stores, DatabaseKeys.cipher(config));
    } catch (StoreException e) {
      databaseProbe.shutdownNow();
      dataSource.close();
      throw new DatabaseUnavailableException(config.databaseName(), config.databasePassword(), e);
    }
    databaseCheck = new DatabaseCheck(dataSource, Duration.ofSeconds(2));
    databaseServer = config.databaseUrl().isEmpty() ? shareEmbeddedDatabase(config.databaseFile()) : null;
    bindJvmMetrics();
    IcqNetworkSettings icqDefaults = IcqNetworkSettings.defaults(config.oscarLoginHost());
    network = new IcqNetwork(icqDefaults
        .withLoginPort(config.oscarLoginPort())
        .withLoginMethod(config.oscarLoginMethod().equals("roasted") ? LoginMethod.ROASTED : LoginMethod.MD5)
        .withLegacyCodepage(config.legacyCodepage())
        .withKeepaliveInterval(timers.oscarKeepalive())
        .withReaderIdleTimeout(timers.oscarReaderIdle())
        .withTimeouts(icqDefaults.connectTimeout(), timers.oscarLoginTimeout(), icqDefaults.messageAckTimeout())
        .withTls(config.oscarTls()), config.eventLoops());
    if (config.xmppPlaintextOffLoopback()) {
      LOG.warn("The component link to {}:{} is plaintext across the network (xmpp.allow-plaintext = true): "
          + "every stanza crosses it unencrypted; set xmpp.tls.enabled = true if the server offers TLS",
          config.xmppHost(), config.xmppPort());
    }
    ComponentSettings componentSettings = new ComponentSettings(
        config.xmppHost(), config.xmppPort(), config.componentDomain(), config.componentSecret(),
        timers.xmppInitialRetry(), timers.xmppMaxRetry(), config.admins())
        .withTls(config.xmppTls())
        .withPresentation(config.presentation())
        .withReadCoalescing(config.xmppReadCoalescing());
    // Each user's lane on the event loop of the user's ICQ session: no hand-over between them; the stanzas a loop's
    // iteration sends are written at its end, by the loop itself when the component stream is on the same loops
    // (xmpp.connector = netty), else by waking the XMPP writer once (issue #20).
    component = config.xmppThroughWhack()
        ? new TransportComponent(componentSettings, network::eventLoopFor, network::runAfterThisTurn)
        : new TransportComponent(componentSettings, network.eventLoops(), network::eventLoopFor,
            network::runAfterThisTurn);
    component.restrictAccess(config.access());
    if (config.files().enabled()) {
      enableFileTransfers(config.files());
    }
    scheduler = bridgeTimer();
    workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
        new ThreadFactoryBuilder().setNameFormat("bridge-%d").setDaemon(true).build());
    JdbcContactSyncStore roster = new JdbcContactSyncStore(stores);
    // The login rate learned from this login server before, if any (docs/reliability.md, "Restart").
    JdbcLoginRateStore rates = new JdbcLoginRateStore(stores);
    String loginServer = config.oscarLoginHost() + ":" + config.oscarLoginPort();
    LearnedLoginRate startingRate = LoginRateRecorder.startingRate(rates, loginServer, config.oscarLoginRate());
    LoginPacer loginPacer = new LoginPacer(startingRate, config.oscarLoginRateIncrease(), config.oscarLoginBurst(),
        config.oscarRateLimitedWait(), scheduler, System::nanoTime);
    // Where the server counts them (issue #20), with the same burst as the pacer, and none while the pacer knows
    // the server's window to be full (both on System.nanoTime).
    network.spaceLoginRequests(loginPacer::loginsPerSecond, loginPacer::closedUntilNanos, config.oscarLoginBurst());
    loginRates = LoginRateRecorder.start(loginPacer, rates, loginServer, startingRate, scheduler, workers,
        LOGIN_RATE_RECORDING);
    gateway = new BridgeGateway(network, store, new JdbcPendingDeliveryStore(stores),
        roster, component, scheduler, workers, timers.bridge().withSessionLife(
            timers.bridge().shortSession(), timers.bridge().shortSessionsBeforeStop(), config.oscarRateLimitedWait()),
        metrics, loginPacer);
    gateway.runEachUserOn(component.userLanes()); // one lane per user for both sides (docs/architecture.md)
    component.attach(gateway, roster); // the XMPP side keeps its roster sync progress; the bridge forgets it on unregister
    QueueMeters.bind(meters, component, network, loginPacer);
    if (config.severalInstances()) { // docs/scaling.md
      gateway.shareUsers();
      component.takeUsersOver();
    }
  }

  /**
   * The bridge's one timer thread. Most of its timers are cancelled long before they are due (each login's
   * timeout once the login ends, by default after 30 s; each session's short-session timer at logout, 1 min):
   * a cancelled task leaves the queue at once instead of staying there until its delay is over, so logins and
   * logouts leave nothing behind (without it, 2 dead tasks per login for up to 90 s: 1.4 MiB in the soak run).
   */
  static ScheduledThreadPoolExecutor bridgeTimer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
        new ThreadFactoryBuilder().setNameFormat("bridge-timer").setDaemon(true).build());
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /**
   * The JVM's and the process's own meters (README, "Metrics"): memory pools, garbage collection, threads,
   * classes, CPU, uptime and open files ({@code jvm_*}, {@code process_*}, {@code system_*}).
   */
  private void bindJvmMetrics() {
    new JvmMemoryMetrics().bindTo(meters);
    gcMetrics.bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);
    new ClassLoaderMetrics().bindTo(meters);
    new ProcessorMetrics().bindTo(meters);
    new UptimeMetrics().bindTo(meters);
    new FileDescriptorMetrics().bindTo(meters);
  }

  /** Serves the open embedded database to {@code icq-transport registrations}; null (with a warning) if it cannot. */
  private static EmbeddedDatabaseServer shareEmbeddedDatabase(Path file) {
    try {
      return EmbeddedDatabaseServer.start(file);
    } catch (java.io.IOException e) {
      LOG.warn("`icq-transport registrations` cannot reach the database while the transport runs: {}", e.getMessage());
      return null;
    }
  }

  /** {@link #dataSource}, failing with {@link DatabaseUnavailableException} when the database does not answer. */
  private static HikariDataSource openDatabase(TransportConfig config) {
    try {
      return dataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      throw new DatabaseUnavailableException(config.databaseName(), config.databasePassword(), e);
    }
  }

  /**
   * Wires everything and starts connecting to the XMPP server (in the background, retrying until it is up).
   *
   * @throws DatabaseUnavailableException when the database does not answer (nothing is left running)
   * @throws OperationsHttpServer.ListenException when the HTTP listener cannot be opened (nothing was started)
   */
  public static TransportApplication start(TransportConfig config) {
    return start(config, TransportTimers.defaults());
  }

  /** As {@link #start(TransportConfig)}, with other timers (fault-injection tests shorten them). */
  public static TransportApplication start(TransportConfig config, TransportTimers timers) {
    // The HTTP listener first: a port in use stops the start before the database is opened (or created).
    OperationsHttpServer http = config.httpEnabled() ? OperationsHttpServer.bind(config.httpHost(), config.httpPort())
        : null;
    TransportApplication application;
    try {
      application = new TransportApplication(config, timers);
    } catch (RuntimeException e) {
      if (http != null) {
        http.close();
      }
      throw e;
    }
    if (http != null) {
      http.serve(application.meters::scrape, application.component::isConnected,
          application.component::connectionProblem, application.databaseCheck,
          () -> application.metrics.sessions(SessionState.ONLINE));
      application.http = http;
    }
    application.component.start();
    LOG.info("Transport for {} started; {} registered users", config.componentDomain(),
        application.store.all().size());
    return application;
  }

  /**
   * The registration database the configuration names: a JDBC URL, or the embedded H2 file, whose folder
   * ({@code rwx------}) and file ({@code rw-------}) are created private, and whose files an older version left
   * readable by others are restricted.
   */
  static HikariDataSource dataSource(TransportConfig config) {
    if (!config.databaseUrl().isEmpty()) {
      return JdbcRegistrationStore.pooled(config.databaseUrl(), config.databaseUsername(), config.databasePassword(),
          config.databaseConnectionTimeout());
    }
    Path file = config.databaseFile().toAbsolutePath();
    Path data = file.resolveSibling(file.getFileName() + ".mv.db");
    try {
      PrivateFiles.createFolder(file.getParent());
      PrivateFiles.warnIfOpen(file.getParent(), "the registration database");
      if (!Files.exists(data)) {
        PrivateFiles.createFile(data); // H2 starts an empty file as a new database, keeping its permissions
      }
      restrictDatabaseFiles(file);
    } catch (java.io.IOException e) {
      throw new ConfigurationException("cannot create the database in " + file.getParent() + ": " + e, e);
    }
    EmbeddedDatabaseServer.bindToLoopback();
    return JdbcRegistrationStore.pooled(EmbeddedDatabaseServer.embeddedUrl(file), "sa", "",
        config.databaseConnectionTimeout());
  }

  /** Takes other users' permissions off the files H2 keeps for the embedded database in {@code file}. */
  private static void restrictDatabaseFiles(Path file) throws java.io.IOException {
    for (String suffix : List.of(".mv.db", ".trace.db", ".lock.db")) {
      Path each = file.resolveSibling(file.getFileName() + suffix);
      if (PrivateFiles.restrict(each)) {
        LOG.info("{} was readable by other users: now by the transport's user only", each);
      }
    }
  }

  /** Waits until the component is connected to the XMPP server. */
  public boolean awaitConnected(Duration timeout) throws InterruptedException {
    return component.awaitConnected(timeout);
  }

  /** The bridge gateway, e.g. for this instance's online users in tests and tools. */
  public BridgeGateway gateway() {
    return gateway;
  }

  public RegistrationStore registrations() {
    return store;
  }

  /** The port of the /metrics and /health listener, if enabled (the chosen one when configured as 0). */
  public OptionalInt httpPort() {
    return http == null ? OptionalInt.empty() : OptionalInt.of(http.port());
  }

  /**
   * The first half of {@link #close()}: the instance stops serving but keeps its component stream up. The
   * component stops taking work (the stanzas read so far reach the bridges, which still relay them; every stanza
   * read from now on that asks for something is answered {@code service-unavailable}, type {@code wait},
   * "restarting"); then the gateway lets what was handed to each ICQ session be confirmed, signs every user off
   * ICQ and tells them (the transport and their contacts go offline), and hands over or keeps (in the outbox,
   * for the user's next presence) every message from ICQ that reaches a signing-off session. Returns once the
   * bridges are done; the stream goes on answering until {@link #close()}. Safe to call more than once.
   * docs/scaling.md, "Stopping an instance".
   */
  public void stopServing() {
    component.stopTakingWork();
    gateway.shutdown();
  }

  /**
   * Stops in the order that loses nothing it has read ({@link #stopServing()} first, if not done yet): the
   * component then shows the transport offline to whoever still sees it online, and closes its stream only once
   * every stanza read was handled and every reply and message written; then the OSCAR event loops, the bridge's
   * threads (finishing what they run, so no store write is cut), the HTTP endpoint, and last the database.
   */
  @Override
  public void close() {
    stopServing();
    component.stop();
    network.close();
    loginRates.close(); // what was learned since the last look, before the database closes
    scheduler.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("Bridge threads still busy after 5 s; closing the database anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (http != null) {
      http.close();
    }
    gcMetrics.close();
    meters.close();
    databaseCheck.close();
    if (databaseServer != null) {
      databaseServer.close();
    }
    store.close();
    databaseProbe.shutdownNow();
    dataSource.close(); // the stores have the fail-fast view of it, which store.close() does not close
    LOG.info("Transport stopped");
  }
}
