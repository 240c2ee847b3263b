package net.icqtransport.oscar.icq;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.oscar.server.OscarSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The ICQ adapter against the OSCAR server simulator over TCP: one event-loop group per test class, a fresh
 * simulator per test with the accounts and contacts the subclass gives it ({@link #simulator}), and the helpers
 * to log in to it.
 */
abstract class IcqSimulatorTestBase {
  static final String ALICE = "111111";
  static final String BOB = "222222";
  static final String CAROL = "333333";
  static final String ECHO = "999999";

  static EventLoopGroup group;
  OscarSimulator icq;

  @BeforeAll
  static void startGroup() {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stopGroup() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** The simulator each test runs against. */
  abstract OscarSimulator.Builder simulator(OscarSimulator.Builder builder);

  @BeforeEach
  void startSimulator() {
    icq = simulator(OscarSimulator.builder()).start();
  }

  @AfterEach
  void stopSimulator() {
    icq.close();
  }

  /** Settings that log in to the simulator; a subclass adds the login method or timeouts it tests with. */
  IcqNetworkSettings settings() {
    return IcqNetworkSettings.defaults(icq.loginAddress().getHostString())
        .withLoginPort(icq.loginAddress().getPort());
  }

  /** Logs in with {@link #settings()}. */
  LegacySession open(String uin, String password, RecordingListener listener) throws Exception {
    return open(new IcqNetwork(settings(), group), uin, password, listener);
  }

  static LegacySession open(IcqNetwork network, String uin, String password, RecordingListener listener)
      throws Exception {
    return network.open(new LegacyCredentials(id(uin), password), listener).get(10, TimeUnit.SECONDS);
  }

  static LegacyContactId id(String uin) {
    return new LegacyContactId(uin);
  }

  static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(20);
    }
  }
}
