package net.icqtransport.oscar.server;

import static net.icqtransport.oscar.server.FlowSupport.awaitTrue;
import static net.icqtransport.oscar.server.FlowSupport.screenName;
import static net.icqtransport.oscar.server.FlowSupport.userInfoTlvs;
import static net.icqtransport.oscar.server.FlowSupport.writeScreenName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AIM presence in the user-info block (issue #16): the away bit 0x0020 of the user class while an away message is
 * set (02/04 TLV 0x04), idle minutes in TLV 0x04 after 01/11, a profile given to the account and served by 02/15,
 * and the test API that has an AIM client go away with HTML or idle.
 */
class AimPresenceFlowTest {
  private static final String MARY = "Mary Ann";
  private static final String BOB = "222222";
  private static final String PROFILE = "<HTML><BODY>I like <B>jazz</B> &amp; tea</BODY></HTML>";

  private final ManualClock clock = new ManualClock();
  private OscarSimulator simulator;
  private final List<TestFlapClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    simulator = OscarSimulator.builder().clock(clock)
        .account(MARY, "marypw").account(BOB, "bobpw")
        .contact(BOB, MARY, null, null).contact(MARY, BOB, null, null)
        .profile(MARY, PROFILE)
        .start();
  }

  @AfterEach
  void stop() {
    clients.forEach(TestFlapClient::close);
    simulator.close();
  }

  private static TlvChain block(Snac buddyOnline) {
    ByteBuf in = buddyOnline.dataBuffer();
    assertEquals(MARY, screenName(in.duplicate()));
    return userInfoTlvs(in);
  }

  @Test
  void anAwayMessageSetsTheAwayBitOfTheUserClassAndClearingItTakesItAway() throws Exception {
    TestFlapClient bob = signOn(BOB, "bobpw");
    TestFlapClient mary = signOn(MARY, "marypw");
    assertEquals(UserInfoBlocks.CLASS_AIM, block(bob.awaitSnac(0x03, 0x0B)).unsigned(0x01).orElseThrow());

    byte[] mime = "text/aolrtf; charset=\"us-ascii\"".getBytes(StandardCharsets.US_ASCII);
    mary.send(0x02, 0x04, out -> TlvChain.of(Tlv.ofBytes(0x03, mime), Tlv.ofAscii(0x04, "<B>lunch</B>")).writeChain(out));
    assertEquals(UserInfoBlocks.CLASS_AIM | 0x0020, block(bob.awaitSnac(0x03, 0x0B)).unsigned(0x01).orElseThrow());

    // The same text again changes nothing watchers see; an empty one is "back".
    mary.send(0x02, 0x04, out -> TlvChain.of(Tlv.ofBytes(0x03, mime), Tlv.ofAscii(0x04, "<B>lunch</B>")).writeChain(out));
    mary.send(0x02, 0x04, out -> TlvChain.of(Tlv.ofBytes(0x03, mime), Tlv.empty(0x04)).writeChain(out));
    assertEquals(UserInfoBlocks.CLASS_AIM, block(bob.awaitSnac(0x03, 0x0B)).unsigned(0x01).orElseThrow());
    assertTrue(bob.noSnacWithin(Duration.ofMillis(200), 0x03, 0x0B));
  }

  @Test
  void idleMinutesAreCountedFromTheClientsIdleSeconds() throws Exception {
    TestFlapClient bob = signOn(BOB, "bobpw");
    TestFlapClient mary = signOn(MARY, "marypw");
    assertFalse(block(bob.awaitSnac(0x03, 0x0B)).contains(0x04), "not idle");

    mary.send(0x01, 0x11, out -> out.writeInt(600));
    assertEquals(10, block(bob.awaitSnac(0x03, 0x0B)).u16(0x04).orElseThrow());

    // The server counts on: a later block says more minutes.
    clock.advance(Duration.ofMinutes(5));
    mary.send(0x01, 0x1E, out -> Tlv.ofU32(0x06, 0).writeTo(out));
    assertEquals(15, block(bob.awaitSnac(0x03, 0x0B)).u16(0x04).orElseThrow());

    mary.send(0x01, 0x11, out -> out.writeInt(0));
    assertFalse(block(bob.awaitSnac(0x03, 0x0B)).contains(0x04), "active again");
  }

  @Test
  void theTestApiHasAnAimClientGoAwayWithHtmlAndIdle() throws Exception {
    TestFlapClient bob = signOn(BOB, "bobpw");
    signOn(MARY, "marypw");
    bob.awaitSnac(0x03, 0x0B);
    awaitTrue(() -> simulator.isOnline(MARY));

    assertTrue(simulator.setAwayMessage(MARY, "<B>lunch</B> &amp; back"));
    assertEquals(UserInfoBlocks.CLASS_AIM | 0x0020, block(bob.awaitSnac(0x03, 0x0B)).unsigned(0x01).orElseThrow());
    assertTrue(simulator.setIdle("maryann", Duration.ofMinutes(12)));
    TlvChain idle = block(bob.awaitSnac(0x03, 0x0B));
    assertEquals(12, idle.u16(0x04).orElseThrow());
    assertEquals(UserInfoBlocks.CLASS_AIM | 0x0020, idle.unsigned(0x01).orElseThrow());

    long id = bob.send(0x02, 0x15, out -> {
      out.writeInt(0x00000003);
      writeScreenName(out, "maryann");
    });
    Snac info = bob.awaitSnac(0x02, 0x06);
    assertEquals(id, info.requestId());
    ByteBuf in = info.dataBuffer();
    assertEquals(MARY, screenName(in.duplicate()));
    assertEquals(12, userInfoTlvs(in).u16(0x04).orElseThrow());
    TlvChain parts = TlvChain.readChain(in);
    assertEquals(PROFILE, new String(parts.bytes(0x02).orElseThrow(), StandardCharsets.UTF_8));
    assertEquals("text/aolrtf; charset=\"us-ascii\"", parts.ascii(0x01).orElseThrow());
    assertEquals("<B>lunch</B> &amp; back", new String(parts.bytes(0x04).orElseThrow(), StandardCharsets.UTF_8));

    assertFalse(simulator.setAwayMessage(BOB + "0", "nobody"), "no such session");
  }

  private TestFlapClient signOn(String name, String password) throws Exception {
    TestFlapClient client = TestLogins.signOn(simulator, name, password);
    clients.add(client);
    return client;
  }
}
