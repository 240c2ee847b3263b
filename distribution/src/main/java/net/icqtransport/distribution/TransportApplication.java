package net.icqtransport.distribution;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.bridge.BridgeGateway;
import net.icqtransport.core.bridge.BridgeSettings;
import net.icqtransport.core.bridge.LoginPacer;
import net.icqtransport.core.registration.JdbcContactSyncStore;
import net.icqtransport.core.registration.JdbcPendingDeliveryStore;
import net.icqtransport.core.registration.JdbcRegistrationStore;
import net.icqtransport.core.registration.RegistrationStore;
import net.icqtransport.core.registration.StoreException;
import net.icqtransport.core.user.SessionState;
import net.icqtransport.distribution.config.ConfigurationException;
import net.icqtransport.distribution.config.TransportConfig;
import net.icqtransport.distribution.operations.DatabaseCheck;
import net.icqtransport.distribution.operations.LogLevels;
import net.icqtransport.distribution.operations.MicrometerTransportMetrics;
import net.icqtransport.distribution.operations.OperationsHttpServer;
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

  private final HikariDataSource dataSource;
  private final JdbcRegistrationStore store;
  private final IcqNetwork network;
  private final TransportComponent component;
  private final BridgeGateway gateway;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService workers;
  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MicrometerTransportMetrics metrics = new MicrometerTransportMetrics(meters);
  private final TransportConfig config;
  private final DatabaseCheck databaseCheck;
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
    try {
      store = new JdbcRegistrationStore(dataSource, DatabaseKeys.cipher(config));
    } catch (StoreException e) {
      dataSource.close();
      throw new DatabaseUnavailableException(config.databaseName(), config.databasePassword(), e);
    }
    databaseCheck = new DatabaseCheck(dataSource, Duration.ofSeconds(2));
    IcqNetworkSettings icqDefaults = IcqNetworkSettings.defaults(config.oscarLoginHost());
    network = new IcqNetwork(icqDefaults
        .withLoginPort(config.oscarLoginPort())
        .withLoginMethod(config.oscarLoginMethod().equals("roasted") ? LoginMethod.ROASTED : LoginMethod.MD5)
        .withLegacyCodepage(config.legacyCodepage())
        .withKeepaliveInterval(timers.oscarKeepalive())
        .withReaderIdleTimeout(timers.oscarReaderIdle())
        .withTimeouts(icqDefaults.connectTimeout(), timers.oscarLoginTimeout(), icqDefaults.messageAckTimeout())
        .withTls(config.oscarTls()));
    if (config.xmppPlaintextOffLoopback()) {
      LOG.warn("The component link to {}:{} is plaintext across the network (xmpp.allow-plaintext = true): "
          + "every stanza crosses it unencrypted; set xmpp.tls.enabled = true if the server offers TLS",
          config.xmppHost(), config.xmppPort());
    }
    component = new TransportComponent(new ComponentSettings(
        config.xmppHost(), config.xmppPort(), config.componentDomain(), config.componentSecret(),
        timers.xmppInitialRetry(), timers.xmppMaxRetry(), config.admins())
        .withTls(config.xmppTls()));
    component.restrictAccess(config.access());
    if (config.files().enabled()) {
      enableFileTransfers(config.files());
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(
        new ThreadFactoryBuilder().setNameFormat("bridge-timer").setDaemon(true).build());
    workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
        new ThreadFactoryBuilder().setNameFormat("bridge-%d").setDaemon(true).build());
    gateway = new BridgeGateway(network, store, new JdbcPendingDeliveryStore(dataSource),
        new JdbcContactSyncStore(dataSource), component, scheduler, workers, timers.bridge().withSessionLife(
            timers.bridge().shortSession(), timers.bridge().shortSessionsBeforeStop(), config.oscarRateLimitedWait()),
        metrics, new LoginPacer(config.oscarLoginRate(), config.oscarRateLimitedWait(), System::nanoTime));
    component.attach(gateway);
    QueueMeters.bind(meters, component, network);
    if (config.severalInstances()) { // docs/scaling.md
      gateway.shareUsers();
      component.takeUsersOver();
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
   */
  public static TransportApplication start(TransportConfig config) {
    return start(config, TransportTimers.defaults());
  }

  /** As {@link #start(TransportConfig)}, with other timers (fault-injection tests shorten them). */
  public static TransportApplication start(TransportConfig config, TransportTimers timers) {
    TransportApplication application = new TransportApplication(config, timers);
    if (config.httpEnabled()) {
      application.http = OperationsHttpServer.start(config.httpHost(), config.httpPort(), application.meters::scrape,
          application.component::isConnected, application.databaseCheck,
          () -> application.metrics.sessions(SessionState.ONLINE));
    }
    application.component.start();
    LOG.info("Transport for {} started; {} registered users", config.componentDomain(),
        application.store.all().size());
    return application;
  }

  /** The registration database the configuration names: a JDBC URL, or the embedded H2 file. */
  static HikariDataSource dataSource(TransportConfig config) {
    if (!config.databaseUrl().isEmpty()) {
      return JdbcRegistrationStore.pooled(config.databaseUrl(), config.databaseUsername(), config.databasePassword(),
          config.databaseConnectionTimeout());
    }
    Path file = config.databaseFile().toAbsolutePath();
    try {
      Files.createDirectories(file.getParent());
    } catch (java.io.IOException e) {
      throw new ConfigurationException("cannot create the database folder " + file.getParent(), e);
    }
    return JdbcRegistrationStore.embeddedDataSource(file);
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
   * Stops in the order that leaves nothing half-done: the gateway signs every user off ICQ (OSCAR sign-off)
   * and tells each user their contacts went offline; the component then shows the transport offline to every
   * user, drains its outbound queue and closes the stream; then the OSCAR event loops, the bridge's threads
   * (finishing what they run, so no store write is cut), the HTTP endpoint, and last the database.
   */
  @Override
  public void close() {
    gateway.shutdown();
    component.stop();
    network.close();
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
    meters.close();
    databaseCheck.close();
    store.close();
    LOG.info("Transport stopped");
  }
}
