package net.icqtransport.xmpp.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

/** The parts taken as prepared are exactly those Tinder's stringprep leaves unchanged and accepts. */
class PreparedAsciiTest {

  @Test
  void nodesTakenAsPreparedAreLeftAloneByNodeprep() {
    for (String node : List.of("100002", "foobar", "foo\\20bar", "a.b-c_d", "\\23tea\\20room")) {
      assertTrue(PreparedAscii.isPreparedNode(node), node);
      assertEquals(node, JID.nodeprep(node), node);
    }
    assertTrue(PreparedAscii.isPreparedNode(null), "no local part");
  }

  @Test
  void nodesThatNodeprepChangesOrRefusesAreNotTakenAsPrepared() {
    for (String node : List.of("Alice", "bj\u00f6rn", "a b", "a@b", "a/b", "a:b", "a'b", "", "x".repeat(1024))) {
      assertFalse(PreparedAscii.isPreparedNode(node), node);
    }
  }

  @Test
  void domainsTakenAsPreparedAreLeftAloneByDomainprep() {
    for (String domain : List.of("example.org", "icq.localhost", "localhost", "a-b.c9.org", "127.0.0.1")) {
      assertTrue(PreparedAscii.isPreparedDomain(domain), domain);
      assertEquals(domain, JID.domainprep(domain), domain);
    }
  }

  @Test
  void domainsThatDomainprepChangesOrRefusesAreNotTakenAsPrepared() {
    for (String domain : List.of("Example.org", "example.org.", ".example.org", "a..b", "ex_ample.org",
        "b\u00fccher.example", "x".repeat(64) + ".org", "")) {
      assertFalse(PreparedAscii.isPreparedDomain(domain), domain);
    }
    assertFalse(PreparedAscii.isPreparedDomain(null));
  }

  @Test
  void jidsTakenAsPreparedAreWellFormedAndCanonical() {
    for (String jid : List.of("alice@example.org", "alice@example.org/Home Laptop", "example.org",
        "example.org/x", "100002@icq.example.org", "a@b/c/d",
        "example.org/at@resource", "a@b/c@d")) {
      assertTrue(PreparedAscii.isPreparedJid(jid), jid);
      assertEquals(jid, new JID(jid).toString(), jid);
    }
    for (String jid : List.of("Alice@example.org", "alice@example.org/", "@example.org", "alice@", "a@b@c",
        "alice@example.org/r\u00e9sum\u00e9", "alice@exa mple.org", "", "/r", "a@/r", "a.@b..c/r", "a@b./r")) {
      assertFalse(PreparedAscii.isPreparedJid(jid), jid);
    }
  }

  @Test
  void wellFormedIsDecidedByStringprepWhenTheFastCheckCannot() {
    assertTrue(TransportAddresses.isWellFormed("alice@example.org/home"));
    assertTrue(TransportAddresses.isWellFormed("Alice@Example.org/Home"), "stringprep maps it");
    assertTrue(TransportAddresses.isWellFormed("bj\u00f6rn@example.org"));
    assertFalse(TransportAddresses.isWellFormed("a@b@c"));
    assertFalse(TransportAddresses.isWellFormed("alice@example.org/"));
    assertFalse(TransportAddresses.isWellFormed("ali ce@example.org"));
  }

  /** The addresses built on the fast path equal those built through stringprep. */
  @Test
  void addressesAreTheSameWithAndWithoutTheFastPath() {
    TransportAddresses addresses = new TransportAddresses("icq.example.org", LegacyContactId::new);
    assertEquals(new JID("100002@icq.example.org"), addresses.contactJid(new LegacyContactId("100002")));
    assertEquals("alice@example.org", addresses.userOf(new JID("alice@example.org/home")).bareJid());
    assertEquals("alice@example.org", addresses.userOf(new JID("Alice", "Example.org", "home", true)).bareJid(),
        "an unprepared sender is stringprepped");
    assertEquals(new JID("alice@example.org"),
        addresses.userJid(new UserAddress("alice@example.org")));
    assertEquals(new JID("example.org"), addresses.userJid(new UserAddress("example.org")));
  }
}
