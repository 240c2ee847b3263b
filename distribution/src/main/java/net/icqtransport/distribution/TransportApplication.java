package net.icqtransport.distribution;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import net.icqtransport.distribution.config.ConfigurationException;
import net.icqtransport.distribution.config.TransportConfig;
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

  private TransportApplication(TransportConfig config) {
    dataSource = dataSource(config);
    store = new JdbcRegistrationStore(dataSource);
    network = new IcqNetwork(IcqNetworkSettings.defaults(config.oscarLoginHost())
        .withLoginPort(config.oscarLoginPort())
        .withLoginMethod(config.oscarLoginMethod().equals("roasted") ? LoginMethod.ROASTED : LoginMethod.MD5)
        .withLegacyCodepage(config.legacyCodepage()));
    component = new TransportComponent(new ComponentSettings(
        config.xmppHost(), config.xmppPort(), config.componentDomain(), config.componentSecret()));
    scheduler = Executors.newSingleThreadScheduledExecutor(
        new ThreadFactoryBuilder().setNameFormat("bridge-timer").setDaemon(true).build());
    workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
        new ThreadFactoryBuilder().setNameFormat("bridge-%d").setDaemon(true).build());
    gateway = new BridgeGateway(network, store, new JdbcPendingDeliveryStore(dataSource),
        new JdbcContactSyncStore(dataSource), component, scheduler, workers, BridgeSettings.defaults(),
        new LoginPacer(config.oscarLoginRate(), System::nanoTime));
    component.attach(gateway);
  }

  /** Wires everything and starts connecting to the XMPP server (in the background, retrying until it is up). */
  public static TransportApplication start(TransportConfig config) {
    TransportApplication application = new TransportApplication(config);
    application.component.start();
    LOG.info("Transport for {} started; {} registered users", config.componentDomain(),
        application.store.all().size());
    return application;
  }

  /** The registration database the configuration names: a JDBC URL, or the embedded H2 file. */
  static HikariDataSource dataSource(TransportConfig config) {
    if (!config.databaseUrl().isEmpty()) {
      return JdbcRegistrationStore.pooled(config.databaseUrl(), config.databaseUsername(), config.databasePassword());
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

  public RegistrationStore registrations() {
    return store;
  }

  /** Signs every user off, disconnects from both networks and closes the database. */
  @Override
  public void close() {
    gateway.shutdown();
    component.stop();
    network.close();
    scheduler.shutdownNow();
    workers.shutdown();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
    LOG.info("Transport stopped");
  }
}
