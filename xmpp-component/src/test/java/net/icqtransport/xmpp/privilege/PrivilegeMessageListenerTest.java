package net.icqtransport.xmpp.privilege;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.testing.Stanzas;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;

/** The XEP-0356 §4.2 announcement as servers send it is read as the roster grant for that server's users. */
class PrivilegeMessageListenerTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");
  /**
   * Byte for byte what Debian 12's mod_privilege (prosody-modules 0.0~hg20230223) wrote to an XEP-0114 socket
   * after the handshake, with the grants PrivateProsody configures: namespace :2, no id attribute.
   */
  private static final String PROSODY_ANNOUNCEMENT = "<message from='localhost' to='icq.localhost'>"
      + "<privilege xmlns='urn:xmpp:privilege:2'><perm access='roster' type='both'/>"
      + "<perm access='message' type='outgoing'/><perm access='presence' type='roster'/></privilege></message>";

  private final PrivilegeGrants grants = new PrivilegeGrants();
  private final List<Message> passedOn = new ArrayList<>();
  private final PrivilegeMessageListener listener =
      new PrivilegeMessageListener(grants, (message, recipient) -> passedOn.add(message));

  @Test
  void prosodysModPrivilegeAnnouncementGrantsRosterBothForItsUsers() {
    listener.handle((Message) Stanzas.parse(PROSODY_ANNOUNCEMENT), Recipient.transport());

    assertEquals(RosterPermission.BOTH, grants.rosterPermission(ALICE));
    assertTrue(passedOn.isEmpty(), "the announcement is consumed, not handled as a chat message");
  }

  @Test
  void theGrantIsOnlyForTheAnnouncingServersUsers() {
    listener.handle((Message) Stanzas.parse(PROSODY_ANNOUNCEMENT), Recipient.transport());

    assertEquals(RosterPermission.NONE, grants.rosterPermission(new UserAddress("bob@example.org")));
  }
}
