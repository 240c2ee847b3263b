package net.icqtransport.distribution.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import net.icqtransport.xmpp.testing.XmppTestServer;
import org.jivesoftware.smack.AbstractXMPPConnection;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.SubscribeListener.SubscribeAnswer;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.packet.AdHocCommandData;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.iqregister.packet.Registration;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A Jabber user for end-to-end tests: a real Smack client logged in to the test server. Like a typical
 * client whose user says yes, it approves every subscription request and asks back for the requester's
 * presence (unless logged in with {@link #loginAnsweringSubscriptionsMyself}); it collects the messages and
 * presences it receives.
 */
public final class JabberClient implements AutoCloseable {
  private final AbstractXMPPConnection connection;
  private final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
  private final BlockingQueue<Presence> presences = new LinkedBlockingQueue<>();
  private final StanzaListener messageCollector = stanza -> inbox.add((Message) stanza);
  private final StanzaListener presenceCollector = stanza -> presences.add((Presence) stanza);

  private JabberClient(AbstractXMPPConnection connection) {
    this.connection = connection;
  }

  /** Connects and logs in {@code user@localhost}; available presence is sent by the login. */
  public static JabberClient login(XmppTestServer server, String user, String password) throws Exception {
    return login(server.clientPort(), user, password);
  }

  /** Connects to 127.0.0.1:{@code clientPort} and logs in {@code user@localhost}, without TLS. */
  public static JabberClient login(int clientPort, String user, String password) throws Exception {
    return login(clientPort, user, password, "e2e", true, true);
  }

  /**
   * As {@link #login(XmppTestServer, String, String)}, but subscription requests stay unanswered until the test
   * answers them ({@link #approveSubscription}), as when the user has not yet clicked "allow".
   */
  public static JabberClient loginAnsweringSubscriptionsMyself(XmppTestServer server, String user, String password)
      throws Exception {
    return login(server.clientPort(), user, password, "e2e", true, false);
  }

  /**
   * Logs in {@code user@localhost/resource} without sending initial presence: to the server the resource is
   * connected but not available (RFC 6121 §4.2); it may still send directed presence ({@link #sendPresence}).
   */
  public static JabberClient loginWithoutPresence(XmppTestServer server, String user, String password,
      String resource) throws Exception {
    return login(server.clientPort(), user, password, resource, false, true);
  }

  private static JabberClient login(int clientPort, String user, String password, String resource,
      boolean sendPresence, boolean approveSubscriptions) throws Exception {
    XMPPTCPConnectionConfiguration config = XMPPTCPConnectionConfiguration.builder()
        .setXmppDomain("localhost")
        .setHost("127.0.0.1")
        .setPort(clientPort)
        .setSecurityMode(SecurityMode.disabled)
        .setUsernameAndPassword(user, password)
        .setResource(resource)
        .setSendPresence(sendPresence)
        .build();
    XMPPTCPConnection connection = new XMPPTCPConnection(config);
    JabberClient client = new JabberClient(connection);
    Roster roster = Roster.getInstanceFor(connection);
    roster.setSubscriptionMode(Roster.SubscriptionMode.manual);
    if (approveSubscriptions) {
      roster.addSubscribeListener((from, request) -> SubscribeAnswer.ApproveAndAlsoRequestIfRequired);
    }
    // Synchronous listeners see stanzas in the order they arrived (Smack runs async ones concurrently, which
    // reorders a burst); they only enqueue, so they never hold up the reader.
    connection.addSyncStanzaListener(client.messageCollector, StanzaTypeFilter.MESSAGE);
    connection.addSyncStanzaListener(client.presenceCollector, StanzaTypeFilter.PRESENCE);
    connection.connect().login();
    return client;
  }

  /** Sends an XEP-0077 registration to the transport and waits for the result (throws on an error reply). */
  public void registerWithTransport(String componentDomain, String uin, String password) throws Exception {
    Registration registration = new Registration(Map.of("username", uin, "password", password));
    registration.setType(IQ.Type.set);
    registration.setTo(JidCreate.domainBareFrom(componentDomain));
    connection.createStanzaCollectorAndSend(registration).nextResultOrThrow(10_000);
  }

  /** Sends an XEP-0077 {@code <remove/>} to the transport and waits for the result (throws on an error reply). */
  public void unregisterFromTransport(String componentDomain) throws Exception {
    Registration removal = new Registration(Map.of("remove", ""));
    removal.setType(IQ.Type.set);
    removal.setTo(JidCreate.domainBareFrom(componentDomain));
    connection.createStanzaCollectorAndSend(removal).nextResultOrThrow(10_000);
  }

  /** Answers a subscription request of {@code to} with {@code subscribed} and asks back ({@code subscribe}). */
  public void approveSubscription(String to) throws Exception {
    sendPresence(to, Presence.Type.subscribed);
    sendPresence(to, Presence.Type.subscribe);
  }

  /** Sends a presence of {@code type} to {@code to} (directed presence when available, RFC 6121 §4.6). */
  public void sendPresence(String to, Presence.Type type) throws Exception {
    connection.sendStanza(connection.getStanzaFactory().buildPresenceStanza()
        .to(JidCreate.from(to)).ofType(type).build());
  }

  /**
   * An XEP-0199 ping to {@code to}, waiting for its answer: what the user sent to {@code to} before has been
   * handled by then (the transport handles a user's stanzas in order).
   */
  public void ping(String to) throws Exception {
    connection.createStanzaCollectorAndSend(new Ping(JidCreate.from(to))).nextResultOrThrow(10_000);
  }

  /** Executes ad-hoc command {@code node} of {@code to} (XEP-0050 §3.4): its first stage, form or result. */
  public AdHocCommandData executeCommand(String to, String node) throws Exception {
    AdHocCommandData command = new AdHocCommandData();
    command.setType(IQ.Type.set);
    command.setTo(JidCreate.from(to));
    command.setNode(node);
    command.setAction(AdHocCommand.Action.execute);
    return connection.createStanzaCollectorAndSend(command).nextResultOrThrow(10_000);
  }

  /** Sends the filled form of a command's stage ({@code fields} as text-single answers) and returns the answer. */
  public AdHocCommandData submitCommand(String to, AdHocCommandData stage, Map<String, String> fields)
      throws Exception {
    DataForm.Builder form = DataForm.builder().setType(DataForm.Type.submit);
    fields.forEach((name, value) -> form.addField(FormField.textSingleBuilder(name).setValue(value).build()));
    AdHocCommandData command = new AdHocCommandData();
    command.setType(IQ.Type.set);
    command.setTo(JidCreate.from(to));
    command.setNode(stage.getNode());
    command.setSessionID(stage.getSessionID());
    command.setAction(AdHocCommand.Action.complete);
    command.setForm(form.build());
    return connection.createStanzaCollectorAndSend(command).nextResultOrThrow(10_000);
  }

  /** Sends a chat message. */
  public void sendChat(String to, String body) throws Exception {
    Message message = connection.getStanzaFactory().buildMessageStanza()
        .to(JidCreate.from(to))
        .ofType(Message.Type.chat)
        .setBody(body)
        .build();
    connection.sendStanza(message);
  }

  /** The XEP-0203 delay stamp of a message ({@code <delay xmlns='urn:xmpp:delay'/>}), or null without one. */
  public static Instant delayStamp(Message message) {
    DelayInformation delay = DelayInformation.from(message);
    return delay == null ? null : delay.getStamp().toInstant();
  }

  /** The next message received, or an AssertionError after the timeout. */
  public Message nextMessage(Duration timeout) throws InterruptedException {
    Message message = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (message == null) {
      throw new AssertionError("no message arrived within " + timeout);
    }
    return message;
  }

  /** The next message from {@code from} (others are skipped), or an AssertionError after the timeout. */
  public Message nextMessageFrom(String from, Duration timeout) throws Exception {
    Jid expected = JidCreate.from(from);
    return next(inbox, m -> m.getFrom() != null && m.getFrom().asBareJid().equals(expected.asBareJid()),
        timeout, "message from " + from);
  }

  /** The next message from {@code from} matching {@code condition} (others are skipped). */
  public Message nextMessageFrom(String from, Predicate<Message> condition, Duration timeout) throws Exception {
    Jid expected = JidCreate.from(from);
    return next(inbox, m -> m.getFrom() != null && m.getFrom().asBareJid().equals(expected.asBareJid())
        && condition.test(m), timeout, "matching message from " + from);
  }

  /** The next presence from {@code from} matching {@code condition} (others are skipped). */
  public Presence nextPresenceFrom(String from, Predicate<Presence> condition, Duration timeout) throws Exception {
    Jid expected = JidCreate.from(from);
    return next(presences, p -> p.getFrom() != null && p.getFrom().asBareJid().equals(expected.asBareJid())
        && condition.test(p), timeout, "matching presence from " + from);
  }

  /** True when no presence from {@code from} matching {@code condition} arrives within {@code quiet}. */
  public boolean noPresenceFrom(String from, Predicate<Presence> condition, Duration quiet) throws Exception {
    try {
      nextPresenceFrom(from, condition, quiet);
      return false;
    } catch (AssertionError nothingCame) {
      return true;
    }
  }

  private static <T> T next(BlockingQueue<T> queue, Predicate<T> condition, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      T item = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
      if (item == null) {
        throw new AssertionError("no " + what + " arrived within " + timeout);
      }
      if (condition.test(item)) {
        return item;
      }
    }
  }

  /** Stops collecting messages and presences, e.g. before a load test takes over the connection. */
  public void stopCollecting() {
    connection.removeSyncStanzaListener(messageCollector);
    connection.removeSyncStanzaListener(presenceCollector);
    inbox.clear();
    presences.clear();
  }

  public void send(Stanza stanza) throws Exception {
    connection.sendStanza(stanza);
  }

  public Roster roster() {
    return Roster.getInstanceFor(connection);
  }

  public AbstractXMPPConnection connection() {
    return connection;
  }

  @Override
  public void close() {
    connection.disconnect();
  }
}
