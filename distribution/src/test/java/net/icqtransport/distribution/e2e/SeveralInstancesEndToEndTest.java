package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.testing.PostgresServer;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.distribution.TransportApplication;
import net.icqtransport.distribution.config.TransportConfig;
import net.icqtransport.distribution.e2e.IcqUser.Text;
import net.icqtransport.oscar.icq.IcqNetwork;
import net.icqtransport.oscar.icq.IcqNetworkSettings;
import net.icqtransport.oscar.server.OscarSimulator;
import net.icqtransport.xmpp.testing.EjabberdServer;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two transport instances behind one component domain (XEP-0114), balanced by a real ejabberd 23.01 by the
 * sender's bare JID ({@code domain_balancing}, {@code bare_source}, {@code component_number: 2}), sharing one
 * real PostgreSQL database: users spread over both, chat both ways, and when one instance stops, the other
 * takes its users over (XEP-0100 §4.4 probes) within a measured, bounded time. See docs/scaling.md.
 */
class SeveralInstancesEndToEndTest {
  private static final String COMPONENT = "icq.localhost";
  private static final String BOB_UIN = "300001";
  private static final String BOB_PASSWORD = "icq-pass-bob";
  private static final int USERS = 6;
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration TAKE_OVER_LIMIT = Duration.ofSeconds(30);

  private OscarSimulator simulator;
  private EjabberdServer ejabberd;
  private PostgresServer postgres;
  private IcqNetwork icqNetwork;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<TransportApplication> instances = new ArrayList<>();

  @BeforeEach
  void startServers() {
    OscarSimulator.Builder builder = OscarSimulator.builder().account(BOB_UIN, BOB_PASSWORD);
    for (int i = 1; i <= USERS; i++) {
      builder.account(uin(i), "icq-pass-" + i);
    }
    simulator = builder.start();
    postgres = PostgresServer.start();
    ejabberd = EjabberdServer.create(COMPONENT, "component-secret-scaling", 2);
    ejabberd.start();
    for (int i = 1; i <= USERS; i++) {
      ejabberd.addUser(user(i), "xmpp-pass-" + i);
    }
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    if (icqNetwork != null) {
      icqNetwork.close();
    }
    for (TransportApplication instance : instances) {
      instance.close();
    }
    ejabberd.close();
    postgres.close();
    simulator.close();
  }

  @Test
  void usersSpreadOverTwoInstancesAndTheSurvivorTakesOverWithoutLosingAMessage() throws Exception {
    String database = postgres.createDatabase();
    TransportApplication first = startInstance(database);
    TransportApplication second = startInstance(database);
    assertTrue(first.awaitConnected(WAIT) && second.awaitConnected(WAIT), "both connected; log:\n" + ejabberd.log());

    // Every user registers and goes online; ejabberd sends each user's stanzas to one instance.
    Map<Integer, JabberClient> clients = new LinkedHashMap<>();
    Map<Integer, Set<String>> bounced = new ConcurrentHashMap<>();
    for (int i = 1; i <= USERS; i++) {
      JabberClient client = JabberClient.login(ejabberd, user(i), "xmpp-pass-" + i);
      closeables.add(client);
      Set<String> bounces = ConcurrentHashMap.newKeySet();
      bounced.put(i, bounces);
      client.connection().addAsyncStanzaListener(stanza -> {
        Message message = (Message) stanza;
        if (message.getType() == Message.Type.error && message.getBody() != null) {
          bounces.add(message.getBody());
        }
      }, StanzaTypeFilter.MESSAGE);
      client.registerWithTransport(COMPONENT, uin(i), "icq-pass-" + i);
      awaitTransportOnline(client);
      clients.put(i, client);
    }
    for (int i = 1; i <= USERS; i++) {
      int n = i;
      Await.until(() -> simulator.isOnline(uin(n)), WAIT, uin(n) + " online at the simulator");
    }
    List<UserAddress> onFirst = first.gateway().onlineUsers();
    List<UserAddress> onSecond = second.gateway().onlineUsers();
    System.out.printf("[scaling] first instance serves %s, second %s (spare links hold slots: %s, %s)%n",
        onFirst, onSecond, first.spareLinkHoldsSlot(), second.spareLinkHoldsSlot());
    if (onSecond.isEmpty() || onFirst.isEmpty()) {
      System.out.println(ejabberd.log().lines().filter(l -> l.contains("external component")).toList());
    }
    assertFalse(onFirst.isEmpty(), "the first instance serves someone");
    assertFalse(onSecond.isEmpty(), "the second instance serves someone");
    assertEquals(USERS, onFirst.size() + onSecond.size(), "each user on exactly one instance");

    // Messages both ways, for every user.
    IcqUser bob = icqUser(BOB_UIN, BOB_PASSWORD);
    for (int i = 1; i <= USERS; i++) {
      String toBob = "hello bob from " + user(i);
      clients.get(i).sendChat(jid(BOB_UIN), toBob);
      assertEquals(new Text(uin(i), toBob), bob.next(Text.class, t -> t.text().equals(toBob), WAIT));
      String toUser = "hello " + user(i) + " from bob";
      bob.session().sendMessage(new LegacyContactId(uin(i)), toUser).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertEquals(toUser, clients.get(i).nextMessageFrom(jid(BOB_UIN), m -> toUser.equals(m.getBody()), WAIT).getBody());
    }

    // The second instance stops while its users keep writing to bob.
    List<Integer> moving = new ArrayList<>();
    for (int i = 1; i <= USERS; i++) {
      if (onSecond.contains(new UserAddress(user(i) + "@localhost"))) {
        moving.add(i);
      }
    }
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    long[] window = new long[2];
    Thread writer = new Thread(() -> {
      try {
        for (int round = 0; !Thread.currentThread().isInterrupted(); round++) {
          for (int i : moving) {
            String body = "switch-" + user(i) + "-" + round;
            sentAt.put(body, System.nanoTime());
            clients.get(i).sendChat(jid(BOB_UIN), body);
          }
          Thread.sleep(250);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "switch-writer");
    writer.start();
    Thread.sleep(500); // some messages before the switch, too
    long stopStarted = System.nanoTime();
    window[0] = stopStarted;
    second.close();
    instances.remove(second);
    Await.until(() -> moving.stream().allMatch(i -> first.gateway().hasSession(new UserAddress(user(i) + "@localhost"))
        && simulator.isOnline(uin(i))), TAKE_OVER_LIMIT, "the first instance took every user over");
    long tookOver = System.nanoTime();
    window[1] = tookOver;
    Duration takeOver = Duration.ofNanos(tookOver - stopStarted);
    System.out.printf("[scaling] take-over of %d users took %d ms (spare link holds a slot: %s)%n",
        moving.size(), takeOver.toMillis(), first.spareLinkHoldsSlot());
    assertTrue(first.spareLinkHoldsSlot(), "the survivor's spare link claimed the vacant route");
    Thread.sleep(1_500); // keep writing a little after the take-over
    writer.interrupt();
    writer.join(10_000);

    // Every message is delivered to bob or bounced to its sender, or was dropped by ejabberd while the
    // stopped instance's route slot was empty (see docs/scaling.md): the transport itself loses none.
    Set<String> delivered = ConcurrentHashMap.newKeySet();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline && delivered.size() + bouncedCount(bounced, sentAt) < sentAt.size()) {
      try {
        delivered.add(bob.next(Text.class, t -> t.text().startsWith("switch-"), Duration.ofSeconds(1)).text());
      } catch (AssertionError quiet) {
        // no message this second: check again whether everything is accounted for
      }
    }
    int bouncedMessages = bouncedCount(bounced, sentAt);
    List<String> missing = sentAt.keySet().stream()
        .filter(body -> !delivered.contains(body) && bounced.values().stream().noneMatch(b -> b.contains(body)))
        .sorted().toList();
    System.out.printf("[scaling] during the switch: sent %d, delivered %d, bounced %d, dropped by the server %d%n",
        sentAt.size(), delivered.size(), bouncedMessages, missing.size());
    for (String body : missing) {
      long when = sentAt.get(body);
      assertTrue(when >= window[0] && when <= window[1],
          body + " was lost outside the window in which the stopped instance's route slot was empty");
    }
    assertEquals(sentAt.size(), delivered.size() + bouncedMessages + missing.size());
    assertTrue(delivered.size() > 0, "messages went through during the switch");

    // After the take-over, messages go both ways again for every moved user.
    for (int i : moving) {
      String toBob = "after the switch from " + user(i);
      clients.get(i).sendChat(jid(BOB_UIN), toBob);
      assertEquals(new Text(uin(i), toBob), bob.next(Text.class, t -> t.text().equals(toBob), WAIT));
      String toUser = "after the switch to " + user(i);
      bob.session().sendMessage(new LegacyContactId(uin(i)), toUser).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertEquals(toUser, clients.get(i).nextMessageFrom(jid(BOB_UIN), m -> toUser.equals(m.getBody()), WAIT).getBody());
    }
  }

  private static int bouncedCount(Map<Integer, Set<String>> bounced, Map<String, Long> sentAt) {
    return (int) bounced.values().stream().flatMap(Set::stream).filter(sentAt::containsKey).distinct().count();
  }

  private static final String DATABASE_KEY = net.icqtransport.core.crypto.DatabaseKey.generate().toBase64();

  private TransportApplication startInstance(String database) {
    TransportConfig config = TransportConfig.from(ConfigFactory.parseMap(Map.of(
        "icq-transport.xmpp.port", ejabberd.componentPort(),
        "icq-transport.xmpp.domain", COMPONENT,
        "icq-transport.xmpp.secret", ejabberd.componentSecret(),
        "icq-transport.xmpp.spare-connection-seconds", 2,
        "icq-transport.oscar.login-port", simulator.loginAddress().getPort(),
        "icq-transport.database.url", database,
        "icq-transport.database.username", PostgresServer.USER,
        // Every instance decrypts the shared registrations with the same key.
        "icq-transport.database.key", DATABASE_KEY,
        "icq-transport.http.port", 0)));
    TransportApplication instance = TransportApplication.start(config);
    instances.add(instance);
    return instance;
  }

  private IcqUser icqUser(String uin, String password) throws Exception {
    if (icqNetwork == null) {
      icqNetwork = new IcqNetwork(IcqNetworkSettings.defaults("127.0.0.1")
          .withLoginPort(simulator.loginAddress().getPort()));
    }
    IcqUser user = IcqUser.login(icqNetwork, uin, password, WAIT);
    closeables.add(user);
    return user;
  }

  private static void awaitTransportOnline(JabberClient user) throws Exception {
    user.nextPresenceFrom(COMPONENT,
        p -> p.getType() == Presence.Type.available && p.getMode() == Presence.Mode.available, WAIT);
  }

  private static String user(int i) {
    return "user" + i;
  }

  private static String uin(int i) {
    return String.valueOf(200000 + i);
  }

  private static String jid(String uin) {
    return uin + "@" + COMPONENT;
  }
}
