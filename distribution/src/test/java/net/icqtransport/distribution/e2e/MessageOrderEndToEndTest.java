package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.distribution.e2e.IcqUser.Text;
import net.icqtransport.oscar.server.OscarSimulator;
import org.junit.jupiter.api.Test;

/**
 * Order under load: bursts of 500 messages each way through the transport arrive complete and in the order
 * sent (one conversation is never reordered, although Whack hands stanzas to a thread pool; STACK.md).
 */
class MessageOrderEndToEndTest extends TransportEndToEndTest {
  private static final int COUNT = 500;

  /** 500 messages in a burst are above a user's default message rate (access.messages-per-minute). */
  @Override
  protected com.typesafe.config.Config extraConfig() {
    return com.typesafe.config.ConfigFactory.parseString(
        "icq-transport.access { messages-per-minute = 100000, message-burst = 1000 }");
  }

  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {
    withBobAsMutualContact(builder)
        // The official servers throttle a burst; the transport's rate limiter then delays, not reorders.
        .rateLimits(false);
  }

  @Test
  void fiveHundredMessagesEachWayArriveCompleteAndInOrder() throws Exception {
    transport = startTransport(FaultTimers.fast());
    JabberClient alice = registeredAlice();
    IcqUser bob = icqUser(BOB_UIN, BOB_ICQ_PASSWORD);

    for (int i = 0; i < COUNT; i++) {
      alice.sendChat(jid(BOB_UIN), "to bob #" + i);
    }
    List<String> atBob = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      atBob.add(bob.next(Text.class, WAIT).text());
    }
    assertEquals(expected("to bob #"), atBob);

    List<CompletableFuture<Void>> sent = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      sent.add(bob.session().sendMessage(new LegacyContactId(ALICE_UIN), "to alice #" + i));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds() * 3, TimeUnit.SECONDS);
    List<String> atAlice = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      atAlice.add(alice.nextMessageFrom(jid(BOB_UIN), m -> m.getBody() != null, WAIT).getBody());
    }
    assertEquals(expected("to alice #"), atAlice);
  }

  private static List<String> expected(String prefix) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      texts.add(prefix + i);
    }
    return texts;
  }
}
