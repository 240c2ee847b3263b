package net.icqtransport.xmpp.mapping;

import net.icqtransport.core.user.SessionState;
import org.xmpp.packet.Presence;

/**
 * The transport's own presence shows the user what it is doing for them (XEP-0100 §4.4: the gateway is
 * available while the legacy session is up), with a status text for every state that needs one.
 */
public final class TransportPresenceMapping {

  private TransportPresenceMapping() {}

  /** A presence (without addresses) for the session state; {@code detail} is the core's short text, or null. */
  public static Presence toPresence(SessionState state, String detail) {
    Presence presence = new Presence();
    switch (state) {
      case ONLINE -> {
        if (hasText(detail)) {
          presence.setStatus(detail);
        }
      }
      case LOGGING_IN -> {
        presence.setShow(Presence.Show.xa);
        presence.setStatus("Logging in…");
      }
      case OFFLINE -> {
        presence.setType(Presence.Type.unavailable);
        if (hasText(detail)) {
          presence.setStatus(detail);
        }
      }
      case RECONNECTING -> {
        presence.setShow(Presence.Show.xa);
        presence.setStatus("Connection to ICQ lost, reconnecting…" + (hasText(detail) ? " (" + detail + ")" : ""));
      }
      case LOGIN_FAILED -> {
        presence.setShow(Presence.Show.dnd);
        presence.setStatus("Could not log in: " + (hasText(detail) ? detail : "login refused")
            + ". Register again with the right credentials.");
      }
      case SIGNED_ON_ELSEWHERE -> {
        presence.setShow(Presence.Show.dnd);
        presence.setStatus("Signed off: your ICQ account logged in from another place"
            + (hasText(detail) ? " (" + detail + ")" : "") + ". Go offline and online again to take it back.");
      }
    }
    return presence;
  }

  /** Whether the user counts as online with the transport in this state (shown as available). */
  public static boolean isShownAvailable(SessionState state) {
    return state != SessionState.OFFLINE;
  }

  private static boolean hasText(String text) {
    return text != null && !text.isBlank();
  }
}
