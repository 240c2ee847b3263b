package net.icqtransport.xmpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ComponentSettingsTest {

  @Test
  void toStringNeverShowsTheSecret() {
    ComponentSettings settings = new ComponentSettings("127.0.0.1", 5347, "icq.localhost", "very-secret-42");

    assertFalse(settings.toString().contains("very-secret-42"));
    assertTrue(settings.toString().contains("icq.localhost"));
  }

  @Test
  void domainIsStringpreppedAndValidated() {
    assertEquals("icq.example.org", new ComponentSettings("h", 5347, "ICQ.Example.org", "s").domain());
    assertThrows(IllegalArgumentException.class, () -> new ComponentSettings("h", 5347, "user@icq.example.org", "s"));
    assertThrows(IllegalArgumentException.class, () -> new ComponentSettings("h", 0, "icq.example.org", "s"));
    assertThrows(IllegalArgumentException.class, () -> new ComponentSettings("h", 5347, "icq.example.org", ""));
  }

  @Test
  void adminJidsAreStringpreppedBareJidsAndDefaultToNone() {
    ComponentSettings none = new ComponentSettings("h", 5347, "icq.example.org", "s");
    ComponentSettings settings = new ComponentSettings("h", 5347, "icq.example.org", "s",
        ComponentSettings.DEFAULT_INITIAL_RETRY_DELAY, ComponentSettings.DEFAULT_MAX_RETRY_DELAY,
        java.util.Set.of("Admin@Example.org"));

    assertTrue(none.adminJids().isEmpty());
    assertEquals(java.util.Set.of("admin@example.org"), settings.adminJids());
    assertTrue(settings.isAdmin(new org.xmpp.packet.JID("admin@example.org/laptop")));
    assertFalse(settings.isAdmin(new org.xmpp.packet.JID("alice@example.org/laptop")));
    assertThrows(IllegalArgumentException.class, () -> new ComponentSettings("h", 5347, "icq.example.org", "s",
        ComponentSettings.DEFAULT_INITIAL_RETRY_DELAY, ComponentSettings.DEFAULT_MAX_RETRY_DELAY,
        java.util.Set.of("example.org")));
  }
}
