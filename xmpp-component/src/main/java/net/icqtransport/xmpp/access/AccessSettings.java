package net.icqtransport.xmpp.access;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.xmpp.packet.JID;

/**
 * Limits on who may use the transport and how much.
 *
 * @param registrationDomains the domains whose users may register and use the transport (XEP-0100 §4.1 lets a
 *     gateway refuse registration); empty means the XMPP server's own domain, the component domain's parent
 *     ({@code icq.example.org} → {@code example.org})
 * @param messagesPerMinute the sustained rate of messages a user may send to ICQ contacts
 * @param messageBurst how many messages a user may send at once above that rate
 * @param registrationsPerHour the XEP-0077 register/unregister requests a user may make per hour
 * @param maxMessageBytes the longest message body accepted, in UTF-8 bytes
 */
public record AccessSettings(
    Set<String> registrationDomains,
    int messagesPerMinute,
    int messageBurst,
    int registrationsPerHour,
    int maxMessageBytes) {

  /** The defaults of {@code reference.conf}: own domain only, 120 messages a minute (burst 30), 10 registrations an hour, 64 KiB. */
  public static final AccessSettings DEFAULTS = new AccessSettings(Set.of(), 120, 30, 10, 64 * 1024);

  public AccessSettings {
    Objects.requireNonNull(registrationDomains, "registrationDomains");
    registrationDomains = registrationDomains.stream().map(AccessSettings::domain).collect(Collectors.toUnmodifiableSet());
    positive(messagesPerMinute, "messagesPerMinute");
    positive(messageBurst, "messageBurst");
    positive(registrationsPerHour, "registrationsPerHour");
    positive(maxMessageBytes, "maxMessageBytes");
  }

  /** The domains allowed for a component at {@code componentDomain}: the configured ones, or its parent. */
  public Set<String> allowedDomains(String componentDomain) {
    if (!registrationDomains.isEmpty()) {
      return registrationDomains;
    }
    int dot = componentDomain.indexOf('.');
    return Set.of(dot < 0 ? componentDomain : componentDomain.substring(dot + 1));
  }

  private static String domain(String text) {
    JID jid = new JID(text); // stringpreps; throws IllegalArgumentException when malformed
    if (jid.getNode() != null || jid.getResource() != null) {
      throw new IllegalArgumentException("a registration domain is a bare domain, not " + text);
    }
    return jid.getDomain();
  }

  private static void positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive, not " + value);
    }
  }
}
