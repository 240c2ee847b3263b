package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import net.icqtransport.oscar.server.OscarSimulator;
import net.icqtransport.xmpp.testing.ProsodyServer;
import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.RosterGroup;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #17 on Prosody 0.12 with Debian's mod_privilege ({@link ProsodyServer#enablePrivilege}): the server
 * announces roster both (XEP-0356 §4.2, {@code urn:xmpp:privilege:2}) and the transport writes the ICQ contacts
 * into the roster as the user (§4.3) with their ICQ nicknames and groups, instead of one subscription request
 * per contact. Without the module the fallback to subscription requests is {@link ContactsAndPresenceEndToEndTest}'s.
 */
class PrivilegedProsodyEndToEndTest extends TransportEndToEndTest {
  private static final String CAROL_UIN = "100003";
  /** The grant as PrivilegeMessageListener logs it for Prosody's announcement. */
  private static final String GRANT_LINE =
      "Server localhost grants the roster permission BOTH (urn:xmpp:privilege:2)";
  /** The ICQ contacts of alice's server-side list: nickname and group by contact JID. */
  private static final Map<String, List<String>> CONTACTS = Map.of(
      jid(BOB_UIN), List.of("Bob", "Friends"),
      jid(CAROL_UIN), List.of("Carol", "Work"));

  private final TransportLog log = new TransportLog();

  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {
    withBobAsMutualContact(builder)
        .account(CAROL_UIN, "icq-pass-carol")
        .contact(ALICE_UIN, CAROL_UIN, "Carol", "Work")
        .contact(CAROL_UIN, ALICE_UIN, "Alice", "Work");
  }

  @Override
  protected void configureProsody(ProsodyServer server) {
    server.enablePrivilege();
  }

  @BeforeEach
  void collectTheTransportsLog() {
    log.start();
  }

  @AfterEach
  void stopCollecting() {
    log.stop();
  }

  /**
   * Alice registers; bob and carol appear in her roster with their nicknames and groups and subscription both,
   * and no contact address ever asks her for a subscription. The transport must have read Prosody's grant (the
   * log line), else it falls back to {@code subscribe} with XEP-0172 nicknames and no groups.
   */
  @Test
  void theIcqContactsArriveAsRosterItemsWithNicknamesAndGroupsAndNoSubscriptionRequest() throws Exception {
    transport = startTransport();
    Await.until(() -> log.lines().stream().anyMatch(line -> line.contains(GRANT_LINE)), WAIT,
        () -> "the transport read Prosody's XEP-0356 announcement; its privilege lines:\n" + log.linesAbout("privilege")
            + "\nProsody's privilege lines:\n" + prosodyLinesAbout("privilege"));
    JabberClient alice = loginAlice();
    List<Presence> requests = subscriptionRequestsFromContacts(alice);
    alice.registerWithTransport(COMPONENT, ALICE_UIN, ALICE_ICQ_PASSWORD);
    awaitTransportOnline(alice);

    Await.until(() -> CONTACTS.equals(icqContacts(alice)), WAIT,
        () -> "bob and carol in alice's roster with nickname and group; roster: " + icqContacts(alice)
            + "; the transport's roster lines:\n" + log.linesAbout("roster"));
    for (RosterEntry entry : icqEntries(alice)) {
      assertEquals(ItemType.both, entry.getType(),
          entry.getJid() + "'s subscription");
    }
    alice.ping(COMPONENT);
    Thread.sleep(Duration.ofSeconds(2).toMillis()); // a fallback's subscription requests would come by now
    assertEquals(List.of(), requests.stream().map(Presence::toXML).map(CharSequence::toString).toList(),
        "subscription requests from ICQ contact addresses");
  }

  /**
   * Alice unregisters (XEP-0100 §4.3): the transport removes bob and carol from her roster with roster sets of
   * subscription {@code remove} as her (XEP-0356 §4.3). The fallback ({@code unsubscribe} + {@code unsubscribed})
   * would leave both in the roster with subscription none.
   */
  @Test
  void unregisteringRemovesTheIcqContactsFromTheRoster() throws Exception {
    transport = startTransport();
    JabberClient alice = registeredAlice();
    Await.until(() -> CONTACTS.equals(icqContacts(alice)), WAIT,
        () -> "bob and carol in alice's roster; roster: " + icqContacts(alice));

    alice.unregisterFromTransport(COMPONENT);

    Await.until(() -> icqEntries(alice).isEmpty(), WAIT,
        () -> "no ICQ contact left in alice's roster; left: " + icqEntries(alice)
            + "; the transport's roster lines:\n" + log.linesAbout("roster"));
  }

  private String prosodyLinesAbout(String word) {
    return prosody.log().lines().filter(line -> line.contains(word)).collect(Collectors.joining("\n"));
  }

  /** Collects, from now on, every {@code subscribe} alice receives from an ICQ contact's address. */
  private static List<Presence> subscriptionRequestsFromContacts(JabberClient alice) {
    List<Presence> requests = new CopyOnWriteArrayList<>();
    StanzaListener collector = stanza -> {
      Presence presence = (Presence) stanza;
      if (presence.getType() == Presence.Type.subscribe && presence.getFrom() != null
          && presence.getFrom().hasLocalpart() && presence.getFrom().getDomain().toString().equals(COMPONENT)) {
        requests.add(presence);
      }
    };
    alice.connection().addSyncStanzaListener(collector, StanzaTypeFilter.PRESENCE);
    return requests;
  }

  private static List<RosterEntry> icqEntries(JabberClient user) {
    return user.roster().getEntries().stream()
        .filter(entry -> entry.getJid().getDomain().toString().equals(COMPONENT) && entry.getJid().hasLocalpart())
        .toList();
  }

  /** Alice's ICQ roster items: [nickname, groups...] by bare JID. */
  private static Map<String, List<String>> icqContacts(JabberClient user) {
    return icqEntries(user).stream().collect(Collectors.toMap(entry -> entry.getJid().toString(), entry -> {
      List<String> view = new ArrayList<>();
      view.add(entry.getName());
      entry.getGroups().stream().map(RosterGroup::getName).sorted().forEach(view::add);
      return view;
    }));
  }
}
