package net.icqtransport.oscar.icq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.icbm.IcbmParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #16, the sign-on of a screen-name account: its ICBM parameters (04/02) carry flag 0x100 (the client
 * fetches offline messages itself), and after client ready it asks for them with 04/10 instead of ICQ's 15/02.
 * An ICQ number's sign-on keeps the ICQ flags and 15/02.
 */
class AimSignOnTest {
  private static EventLoopGroup group;

  @BeforeAll
  static void startGroup() {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stopGroup() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static long icbmFlags(Snac setParams) {
    return IcbmParameters.decode(new Snac(0x04, 0x05, 0, 1, setParams.data())).flags();
  }

  @Test
  void aScreenNameSetsTheOfflineFlagAndAsksWith0410() throws Exception {
    try (FakeOscarServer server = new FakeOscarServer(List.of(0x01, 0x02, 0x03, 0x04, 0x13, 0x15),
        FakeOscarServer.silent())) {
      LegacySession session = new IcqNetwork(server.settings(), group)
          .open(new LegacyCredentials(new LegacyContactId("joeuser"), "secret"), new RecordingListener())
          .get(10, TimeUnit.SECONDS);
      Snac params = server.await(s -> s.is(SnacType.ICBM_SET_PARAMS));
      assertEquals(IcbmParameters.icqDefaults(0).flags() | IcbmParameters.FLAG_OFFLINE_MESSAGES, icbmFlags(params));
      server.await(s -> s.is(SnacType.SERVICE_CLIENT_READY));
      assertEquals(0, server.await(s -> s.is(SnacType.ICBM_OFFLINE_RETRIEVE)).data().length);
      session.close();
    }
  }

  @Test
  void anIcqNumberKeepsTheIcqFlagsAndFamily15() throws Exception {
    try (FakeOscarServer server = new FakeOscarServer(List.of(0x01, 0x02, 0x03, 0x04, 0x13, 0x15),
        FakeOscarServer.silent())) {
      LegacySession session = new IcqNetwork(server.settings(), group)
          .open(new LegacyCredentials(new LegacyContactId("111111"), "secret"), new RecordingListener())
          .get(10, TimeUnit.SECONDS);
      assertEquals(0x0B, icbmFlags(server.await(s -> s.is(SnacType.ICBM_SET_PARAMS))));
      server.await(s -> s.is(SnacType.SERVICE_CLIENT_READY));
      server.await(s -> s.is(SnacType.ICQ_EXT_REQUEST));
      session.close();
    }
  }
}
