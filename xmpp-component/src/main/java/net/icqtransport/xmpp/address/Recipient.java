package net.icqtransport.xmpp.address;

import java.util.Objects;
import net.icqtransport.core.legacy.LegacyContactId;

/**
 * Whom an inbound stanza is for: the transport itself ({@code icq.example.org}) or a legacy contact
 * ({@code 100002@icq.example.org}).
 *
 * @param contact the contact, or null for the transport
 */
public record Recipient(LegacyContactId contact) {

  private static final Recipient TRANSPORT = new Recipient(null);

  /** The transport's own domain. */
  public static Recipient transport() {
    return TRANSPORT;
  }

  /** A legacy contact's JID. */
  public static Recipient contact(LegacyContactId contact) {
    return new Recipient(Objects.requireNonNull(contact, "contact"));
  }

  public boolean isTransport() {
    return contact == null;
  }
}
