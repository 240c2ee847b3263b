package net.icqtransport.distribution.e2e;

import java.time.Duration;
import net.icqtransport.xmpp.testing.ProsodyServer;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.AbstractXMPPConnection;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.iqregister.packet.Registration;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A Jabber user for end-to-end tests: a real Smack client logged in to the test Prosody, accepting every
 * subscription request (as a user approving the transport would) and collecting the messages it receives.
 */
public final class JabberClient implements AutoCloseable {
  private final AbstractXMPPConnection connection;
  private final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();

  private JabberClient(AbstractXMPPConnection connection) {
    this.connection = connection;
  }

  /** Connects and logs in {@code user@localhost}; available presence is sent by the login. */
  public static JabberClient login(ProsodyServer server, String user, String password) throws Exception {
    Roster.setDefaultSubscriptionMode(Roster.SubscriptionMode.accept_all);
    XMPPTCPConnectionConfiguration config = XMPPTCPConnectionConfiguration.builder()
        .setXmppDomain(ProsodyServer.DOMAIN)
        .setHost("127.0.0.1")
        .setPort(server.clientPort())
        .setSecurityMode(SecurityMode.disabled)
        .setUsernameAndPassword(user, password)
        .setResource("e2e")
        .setSendPresence(true)
        .build();
    XMPPTCPConnection connection = new XMPPTCPConnection(config);
    Roster.getInstanceFor(connection).setSubscriptionMode(Roster.SubscriptionMode.accept_all);
    JabberClient client = new JabberClient(connection);
    connection.addAsyncStanzaListener(stanza -> client.inbox.add((Message) stanza), StanzaTypeFilter.MESSAGE);
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

  /** Sends a chat message. */
  public void sendChat(String to, String body) throws Exception {
    Message message = connection.getStanzaFactory().buildMessageStanza()
        .to(JidCreate.from(to))
        .ofType(Message.Type.chat)
        .setBody(body)
        .build();
    connection.sendStanza(message);
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
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Message message = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
      if (message == null) {
        throw new AssertionError("no message from " + from + " arrived within " + timeout);
      }
      if (message.getFrom() != null && message.getFrom().asBareJid().equals(expected.asBareJid())) {
        return message;
      }
    }
  }

  public void send(Stanza stanza) throws Exception {
    connection.sendStanza(stanza);
  }

  public AbstractXMPPConnection connection() {
    return connection;
  }

  @Override
  public void close() {
    connection.disconnect();
  }
}
