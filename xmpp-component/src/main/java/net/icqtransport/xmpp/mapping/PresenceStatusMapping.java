package net.icqtransport.xmpp.mapping;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.xmpp.stanza.Namespaces;
import org.xmpp.packet.Presence;

/**
 * XMPP {@code <show/>} (RFC 6121 §4.7.2.1) ⇄ legacy status, both ways in one place (XEP-0100 §4.4 and §5.4).
 *
 * <pre>
 *   (none) ⇄ ONLINE       chat ⇄ FREE_FOR_CHAT    away ⇄ AWAY
 *   xa     ⇄ NOT_AVAILABLE                       dnd  ⇄ DO_NOT_DISTURB (OCCUPIED → dnd)
 *   INVISIBLE → (none): a contact we can see is reachable.   OFFLINE ⇄ type='unavailable'
 * </pre>
 *
 * <p>XMPP has no "occupied": it shows as {@code dnd} and keeps its name in the status text
 * ({@code Occupied: <text>}), so the user still sees the difference from "do not disturb".
 */
public final class PresenceStatusMapping {

  private PresenceStatusMapping() {}

  /** The legacy status for an available presence's show value (null: plain available). */
  public static LegacyStatus toLegacy(Presence.Show show) {
    if (show == null) {
      return LegacyStatus.ONLINE;
    }
    return switch (show) {
      case chat -> LegacyStatus.FREE_FOR_CHAT;
      case away -> LegacyStatus.AWAY;
      case xa -> LegacyStatus.NOT_AVAILABLE;
      case dnd -> LegacyStatus.DO_NOT_DISTURB;
    };
  }

  /** The show value for an available legacy status; null means plain available. Not for OFFLINE. */
  public static Presence.Show toShow(LegacyStatus status) {
    return switch (status) {
      case ONLINE, INVISIBLE -> null;
      case FREE_FOR_CHAT -> Presence.Show.chat;
      case AWAY -> Presence.Show.away;
      case NOT_AVAILABLE -> Presence.Show.xa;
      case DO_NOT_DISTURB, OCCUPIED -> Presence.Show.dnd;
      case OFFLINE -> throw new IllegalArgumentException("OFFLINE has no show value; it is type='unavailable'");
    };
  }

  /** The status text shown for a contact: OCCUPIED keeps its name, e.g. {@code Occupied: in a meeting}. */
  public static String statusText(LegacyStatus status, String text) {
    boolean hasText = text != null && !text.isBlank();
    if (status == LegacyStatus.OCCUPIED) {
      return hasText ? "Occupied: " + text : "Occupied";
    }
    return hasText ? text : null;
  }


  /**
   * Adds XEP-0319's {@code <idle xmlns='urn:xmpp:idle:1' since='…'/>} to an available presence, {@code since} as a
   * XEP-0082 DateTime in UTC, to the second (the legacy network counts idle time in minutes). Nothing for null.
   */
  public static void addIdle(Presence presence, Instant idleSince) {
    if (idleSince != null && presence.getType() == null) {
      presence.addChildElement("idle", Namespaces.IDLE)
          .addAttribute("since", DateTimeFormatter.ISO_INSTANT.format(idleSince.truncatedTo(ChronoUnit.SECONDS)));
    }
  }

  /**
   * A presence (without addresses) showing the status: unavailable for OFFLINE, else available with show.
   * The text goes through {@link #statusText}.
   */
  public static Presence toPresence(LegacyStatus status, String statusText) {
    Presence presence = new Presence();
    if (status.isAvailable()) {
      Presence.Show show = toShow(status);
      if (show != null) {
        presence.setShow(show);
      }
    } else {
      presence.setType(Presence.Type.unavailable);
    }
    String text = status.isAvailable() ? statusText(status, statusText) : statusText;
    if (text != null && !text.isEmpty()) {
      presence.setStatus(text);
    }
    return presence;
  }
}
