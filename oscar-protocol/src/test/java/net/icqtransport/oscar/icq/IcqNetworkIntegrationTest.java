package net.icqtransport.oscar.icq;

import static net.icqtransport.oscar.icq.IcqNetworkTest.loginException;
import static net.icqtransport.oscar.icq.IcqNetworkTest.loginFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.core.legacy.MessageRejectedException;
import net.icqtransport.core.legacy.OfflineMessage;
import net.icqtransport.oscar.client.LoginMethod;
import net.icqtransport.oscar.icq.RecordingListener.Closed;
import net.icqtransport.oscar.icq.RecordingListener.ContactList;
import net.icqtransport.oscar.icq.RecordingListener.Message;
import net.icqtransport.oscar.icq.RecordingListener.Offline;
import net.icqtransport.oscar.icq.RecordingListener.Status;
import net.icqtransport.oscar.server.OscarSimulator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The ICQ adapter against the OSCAR server simulator, end to end over TCP. */
class IcqNetworkIntegrationTest extends IcqSimulatorTestBase {
  private static final String TEXT = "ü Привет 😀";

  @Override
  OscarSimulator.Builder simulator(OscarSimulator.Builder builder) {
    return builder
        .account(ALICE, "alice-pw")
        .account(BOB, "bob-pw")
        .account(CAROL, "carol-pw")
        .contact(ALICE, BOB, "Bob", "Friends")
        .contact(ALICE, ECHO, null, "Bots")
        .contact(BOB, ALICE, "Alice", "Friends")
        .echoBot(ECHO);
  }

  private IcqNetwork network(LoginMethod method) {
    return new IcqNetwork(settings().withLoginMethod(method), group);
  }

  @ParameterizedTest
  @EnumSource(LoginMethod.class)
  void logsInWithEitherMethodAndSignsOff(LoginMethod method) throws Exception {
    RecordingListener alice = new RecordingListener();
    LegacySession session = open(network(method), ALICE, "alice-pw", alice);
    assertEquals(id(ALICE), session.account());
    List<LegacyContact> contacts = alice.await(ContactList.class).contacts();
    assertTrue(contacts.contains(new LegacyContact(id(BOB), "Bob", "Friends")), contacts.toString());
    assertTrue(contacts.contains(new LegacyContact(id(ECHO), ECHO, "Bots")), contacts.toString());
    awaitTrue(() -> icq.isOnline(ALICE)); // the server marks the user online once it has read "client ready"

    session.close();
    assertEquals(DisconnectReason.CLOSED_BY_CLIENT, alice.awaitClosed().reason());
    awaitTrue(() -> !icq.isOnline(ALICE));
    alice.assertContractKept();
  }

  /**
   * The authorizer's acceptance is told as it comes, before the BOS phase, where the server's limit of logins per
   * address counted the login: the login pacer counts these (issue #20); a refused login is not accepted.
   */
  @ParameterizedTest
  @EnumSource(LoginMethod.class)
  void theServersAcceptanceIsToldBeforeTheSessionIsReady(LoginMethod method) throws Exception {
    RecordingListener alice = new RecordingListener();
    int acceptedWhenReady = network(method).open(new LegacyCredentials(id(ALICE), "alice-pw"), alice)
        .thenApply(session -> alice.loginsAccepted.get()).get(10, TimeUnit.SECONDS);
    assertEquals(1, acceptedWhenReady);
  }

  @ParameterizedTest
  @EnumSource(LoginMethod.class)
  void wrongPasswordIsReported(LoginMethod method) throws Exception {
    RecordingListener listener = new RecordingListener();
    CompletableFuture<LegacySession> future = network(method)
        .open(new LegacyCredentials(id(ALICE), "not-the-password"), listener);
    assertEquals(LoginFailure.WRONG_PASSWORD, loginFailure(future));
    assertFalse(icq.isOnline(ALICE));
    assertEquals(0, listener.loginsAccepted.get(), "refused: not accepted");
  }

  @Test
  void twoAccountsExchangeUnicodeMessagesAndSeeEachOther() throws Exception {
    IcqNetwork network = network(LoginMethod.MD5);
    RecordingListener alice = new RecordingListener();
    RecordingListener bob = new RecordingListener();
    LegacySession aliceSession = open(network, ALICE, "alice-pw", alice);
    alice.await(ContactList.class);

    LegacySession bobSession = open(network, BOB, "bob-pw", bob);
    List<LegacyContact> bobContacts = bob.await(ContactList.class).contacts();
    assertEquals(List.of(new LegacyContact(id(ALICE), "Alice", "Friends")), bobContacts);
    alice.await(Status.class, s -> s.contact().equals(id(BOB)) && s.status() == LegacyStatus.ONLINE);
    bob.await(Status.class, s -> s.contact().equals(id(ALICE)) && s.status() == LegacyStatus.ONLINE);

    aliceSession.sendMessage(id(BOB), TEXT).get(10, TimeUnit.SECONDS);
    Message toBob = bob.await(Message.class);
    assertEquals(id(ALICE), toBob.from());
    assertEquals(TEXT, toBob.text());
    assertNull(toBob.sentAt());

    bobSession.sendMessage(id(ALICE), "plain ascii back, " + TEXT).get(10, TimeUnit.SECONDS);
    assertEquals("plain ascii back, " + TEXT, alice.await(Message.class).text());
    bobSession.sendMessage(id(ALICE), "just ASCII").get(10, TimeUnit.SECONDS);
    assertEquals("just ASCII", alice.await(Message.class).text());

    bobSession.setStatus(LegacyStatus.AWAY, "lunch");
    alice.await(Status.class, s -> s.contact().equals(id(BOB)) && s.status() == LegacyStatus.AWAY);

    bobSession.close();
    alice.await(Status.class, s -> s.contact().equals(id(BOB)) && s.status() == LegacyStatus.OFFLINE);
    assertEquals(DisconnectReason.CLOSED_BY_CLIENT, bob.awaitClosed().reason());
    aliceSession.close();
    alice.awaitClosed();
    alice.assertContractKept();
    bob.assertContractKept();
  }

  @Test
  void echoBotAnswersAndLongTextsArriveWhole() throws Exception {
    RecordingListener alice = new RecordingListener();
    LegacySession session = open(network(LoginMethod.MD5), ALICE, "alice-pw", alice);
    session.sendMessage(id(ECHO), TEXT).get(10, TimeUnit.SECONDS);
    Message echo = alice.await(Message.class);
    assertEquals(id(ECHO), echo.from());
    assertTrue(echo.text().contains(TEXT), echo.text());

    // Three ICBMs at the simulator's 512-byte limit. The rate limiter paces them by the ICBM class (window 20,
    // alert 5000 ms): after the first two, one every few seconds, so the text is kept to a few parts.
    String longText = "Привет мир ".repeat(60);
    session.sendMessage(id(ECHO), longText).get(30, TimeUnit.SECONDS);
    StringBuilder received = new StringBuilder();
    while (received.length() < longText.length()) {
      String part = alice.await(Message.class).text();
      received.append(part.substring(part.indexOf("Привет")));
    }
    assertEquals(longText, received.toString());
    session.close();
    alice.awaitClosed();
    alice.assertContractKept();
  }

  /** Sent with TLV 0x06, a message to an offline user is kept by the server and comes as an offline message. */
  @Test
  void messagesToAnOfflineUserAreStoredAndArriveWhenTheySignOn() throws Exception {
    IcqNetwork network = network(LoginMethod.MD5);
    RecordingListener alice = new RecordingListener();
    LegacySession session = open(network, ALICE, "alice-pw", alice);
    Instant before = Instant.now();
    session.sendMessage(id(CAROL), TEXT).get(10, TimeUnit.SECONDS);
    session.sendMessage(id(CAROL), "and Grüße").get(10, TimeUnit.SECONDS);
    Instant after = Instant.now();
    session.close();
    alice.awaitClosed();

    RecordingListener carol = new RecordingListener();
    LegacySession carolSession = open(network, CAROL, "carol-pw", carol);
    Offline offline = carol.await(Offline.class);
    assertEquals(List.of(id(ALICE), id(ALICE)), offline.messages().stream().map(OfflineMessage::from).toList());
    assertEquals(List.of(TEXT, "and Grüße"), offline.messages().stream().map(OfflineMessage::text).toList());
    for (OfflineMessage message : offline.messages()) {
      // The server keeps the time to the minute (15/03 0x0041).
      assertFalse(message.sentAt().isBefore(before.truncatedTo(ChronoUnit.MINUTES)), message.toString());
      assertFalse(message.sentAt().isAfter(after), message.toString());
    }
    offline.confirmation().confirm();
    carolSession.close();
    carol.awaitClosed();
    carol.assertContractKept();
  }

  /** What the server refuses to store (here: an account it does not know) is still rejected. */
  @Test
  void messageToAnUnknownAccountIsRejected() throws Exception {
    RecordingListener alice = new RecordingListener();
    LegacySession session = open(network(LoginMethod.MD5), ALICE, "alice-pw", alice);
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> session.sendMessage(id("987654"), TEXT).get(10, TimeUnit.SECONDS));
    MessageRejectedException rejected = assertInstanceOf(MessageRejectedException.class, e.getCause());
    assertEquals(MessageRejectedException.Reason.RECIPIENT_UNAVAILABLE, rejected.reason());
    // The session goes on.
    session.sendMessage(id(ECHO), "still here").get(10, TimeUnit.SECONDS);
    session.close();
    alice.awaitClosed();
  }

  @Test
  void secondLoginSignsTheFirstSessionOff() throws Exception {
    IcqNetwork network = network(LoginMethod.MD5);
    RecordingListener first = new RecordingListener();
    LegacySession firstSession = open(network, ALICE, "alice-pw", first);
    RecordingListener second = new RecordingListener();
    LegacySession secondSession = open(network(LoginMethod.ROASTED), ALICE, "alice-pw", second);
    assertEquals(DisconnectReason.SIGNED_ON_ELSEWHERE, first.awaitClosed().reason());

    ExecutionException e = assertThrows(ExecutionException.class,
        () -> firstSession.sendMessage(id(ECHO), "too late").get(10, TimeUnit.SECONDS));
    assertEquals(MessageRejectedException.Reason.NOT_CONNECTED,
        assertInstanceOf(MessageRejectedException.class, e.getCause()).reason());
    secondSession.sendMessage(id(ECHO), "new session").get(10, TimeUnit.SECONDS);
    first.assertContractKept();
    secondSession.close();
  }

  /** Closed BOS connections are let go when they close, not only when metrics read the rate statistics. */
  @Test
  void endedSessionsLeaveNoConnectionBehindWithoutAMetricsScrape() throws Exception {
    IcqNetwork network = network(LoginMethod.MD5);
    RecordingListener signingOff = new RecordingListener();
    open(network, ALICE, "alice-pw", signingOff).close();
    signingOff.awaitClosed();
    RecordingListener kicked = new RecordingListener();
    open(network, BOB, "bob-pw", kicked);
    icq.kick(BOB);
    kicked.awaitClosed();
    awaitTrue(() -> network.trackedConnections() == 0);
  }

  @Test
  void kickedSessionIsToldWhy() throws Exception {
    RecordingListener alice = new RecordingListener();
    open(network(LoginMethod.MD5), ALICE, "alice-pw", alice);
    icq.kick(ALICE);
    assertEquals(DisconnectReason.SIGNED_ON_ELSEWHERE, alice.awaitClosed().reason());
    alice.assertContractKept();
  }

  @Test
  void garbageServerFailsOneLoginAndNothingElse() throws Exception {
    RecordingListener alice = new RecordingListener();
    LegacySession aliceSession = open(network(LoginMethod.MD5), ALICE, "alice-pw", alice);
    try (ServerSocket fake = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> {
        try (Socket socket = fake.accept()) {
          byte[] junk = new byte[4096];
          new java.util.Random(7).nextBytes(junk);
          junk[0] = 0x13;
          socket.getOutputStream().write(junk);
          socket.getOutputStream().flush();
          socket.setSoTimeout(5000);
          while (socket.getInputStream().read(junk) >= 0) {
            // until the client hangs up
          }
        } catch (java.io.IOException e) {
          // client gone
        }
      });
      server.setDaemon(true);
      server.start();
      IcqNetwork garbage = new IcqNetwork(IcqNetworkSettings.defaults("127.0.0.1").withLoginPort(fake.getLocalPort()),
          group);
      assertEquals(LoginFailure.PROTOCOL_ERROR,
          loginException(garbage.open(new LegacyCredentials(id(BOB), "bob-pw"), new RecordingListener())).failure());
      server.join(5000);
    }
    // The session on the same event loops is unharmed.
    aliceSession.sendMessage(id(ECHO), "after the garbage").get(10, TimeUnit.SECONDS);
    assertEquals(id(ECHO), alice.await(Message.class).from());
    aliceSession.close();
    assertEquals(DisconnectReason.CLOSED_BY_CLIENT, alice.awaitClosed().reason());
    alice.assertContractKept();
  }

  @Test
  void simulatorGoingAwayIsAConnectionLoss() throws Exception {
    RecordingListener alice = new RecordingListener();
    LegacySession session = open(network(LoginMethod.MD5), ALICE, "alice-pw", alice);
    icq.close();
    Closed closed = alice.awaitClosed();
    assertTrue(closed.reason() == DisconnectReason.CONNECTION_LOST || closed.reason() == DisconnectReason.CLOSED_BY_SERVER,
        closed.toString());
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> session.sendMessage(id(BOB), "nobody there").get(10, TimeUnit.SECONDS));
    assertEquals(MessageRejectedException.Reason.NOT_CONNECTED,
        assertInstanceOf(MessageRejectedException.class, e.getCause()).reason());
    alice.assertContractKept();
  }
}
