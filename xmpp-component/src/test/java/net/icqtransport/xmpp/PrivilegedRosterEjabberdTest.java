package net.icqtransport.xmpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.core.registration.ContactSyncStore;
import net.icqtransport.core.registration.MemoryContactSyncStore;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.privilege.RosterPermission;
import net.icqtransport.xmpp.roster.PrivilegedRoster;
import net.icqtransport.xmpp.roster.RosterItem;
import net.icqtransport.xmpp.testing.EjabberdServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * XEP-0356 against a real ejabberd whose {@code mod_privilege} grants the component {@code roster both}: the
 * component receives the privilege announcement after its handshake, reads a real user's roster as the user
 * (§5), and writes an ICQ contact into it.
 *
 * <p>ejabberd before 23.10 (Debian's 23.01 among them) answers every privileged roster <em>set</em> with
 * {@code internal-server-error} (processone/ejabberd#3942: {@code mod_roster} looks up its options for the
 * component's domain). On such a server this test asserts that refusal and the transport's fallback (the
 * contact is offered with a subscription request instead); on a fixed server it asserts the item in the
 * roster. Either way it fails if the privilege, the roster read or the sync does not work.
 */
class PrivilegedRosterEjabberdTest {
  private static final String DOMAIN = "icq.localhost";
  private static final UserAddress ALICE = new UserAddress("alice@" + EjabberdServer.DOMAIN);
  private static final LegacyContact BOB = new LegacyContact(new LegacyContactId("123456"), "Bob", "Friends");
  private static final Pattern VERSION = Pattern.compile("ejabberd (\\d+)\\.(\\d+)\\S* is started");

  private final Gateway gateway = mock(Gateway.class);
  private EjabberdServer server;
  private TransportComponent component;

  @AfterEach
  void tearDown() {
    if (component != null) {
      component.stop();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void contactsAreWrittenIntoTheUsersRosterWithThePrivilege() throws Exception {
    server = EjabberdServer.create(DOMAIN, "component-secret");
    server.start();
    server.addUser("alice", "alice-password");
    when(gateway.parseContactId(anyString())).thenAnswer(i -> new LegacyContactId(i.getArgument(0)));
    when(gateway.registration(any())).thenReturn(Optional.of(
        new Registration(ALICE, new LegacyCredentials(new LegacyContactId("100001"), "pw"), Instant.EPOCH)));
    component = new TransportComponent(new ComponentSettings("127.0.0.1", server.componentPort(), DOMAIN, "component-secret"));
    ContactSyncStore synced = spy(new MemoryContactSyncStore());
    component.attach(gateway, synced);
    component.start();
    assertTrue(component.awaitConnected(Duration.ofSeconds(30)), "component connected\n" + server.log());
    awaitRosterPermission();
    PrivilegedRoster asAlice = new PrivilegedRoster(component.iqRequests(), new TransportAddresses(DOMAIN, LegacyContactId::new));
    assertEquals(Map.of(), asAlice.fetch(ALICE).get(10, TimeUnit.SECONDS), "Alice's new roster, read as Alice");

    component.contactListReceived(ALICE, List.of(BOB));

    try {
      verify(synced, timeout(10_000)).markSynced(ALICE, BOB);
    } catch (AssertionError e) {
      throw new AssertionError("the contact was not synced\n" + server.log(), e);
    }
    Map<String, RosterItem> roster = asAlice.fetch(ALICE).get(10, TimeUnit.SECONDS);
    if (hasIssue3942()) {
      assertTrue(server.log().contains("module_not_loaded,mod_roster"), "the set was refused for ejabberd#3942");
      assertFalse(roster.containsKey("123456@icq.localhost"), "no item: the server refused the set");
    } else {
      RosterItem bob = roster.get("123456@icq.localhost");
      assertNotNull(bob, "Bob is in Alice's roster on the server: " + roster);
      assertEquals("Bob", bob.name());
      assertEquals("Friends", bob.group());
      assertEquals("both", bob.subscription());
    }
  }

  /** Whether the running ejabberd is older than 23.10, which fixed privileged roster sets. */
  private boolean hasIssue3942() {
    Matcher version = VERSION.matcher(server.log());
    assertTrue(version.find(), "ejabberd's version in its log");
    int major = Integer.parseInt(version.group(1));
    int minor = Integer.parseInt(version.group(2));
    return major < 23 || (major == 23 && minor < 10);
  }

  private void awaitRosterPermission() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (component.privileges().rosterPermission(ALICE) != RosterPermission.BOTH) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no XEP-0356 roster permission from ejabberd\n" + server.log());
      }
      Thread.sleep(50);
    }
  }
}
