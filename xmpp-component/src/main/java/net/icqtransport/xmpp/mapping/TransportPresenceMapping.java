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
        // The core's detail, if any, is what else the user should know (logins slowed down after rate limits).
        presence.setShow(Presence.Show.xa);
        presence.setStatus("Logging in…" + (hasText(detail) ? " " + detail.strip() : ""));
      }
      case OFFLINE -> {
        presence.setType(Presence.Type.unavailable);
        if (hasText(detail)) {
          presence.setStatus(detail);
        }
      }
      case RECONNECTING -> {
        // The core's detail is a sentence saying why and when, e.g. "Disconnected from ICQ (connection
        // lost); retrying in 30 s."
        presence.setShow(Presence.Show.xa);
        presence.setStatus(hasText(detail) ? sentence(detail) : "Connection to ICQ lost; reconnecting soon.");
      }
      case LOGIN_FAILED -> {
        presence.setShow(Presence.Show.dnd);
        presence.setStatus((hasText(detail) ? sentence(detail) : "Could not log in to ICQ.")
            + " The transport will not retry: register again with the right ICQ number and password.");
      }
      case SIGNED_ON_ELSEWHERE -> {
        presence.setShow(Presence.Show.dnd);
        presence.setStatus((hasText(detail) ? sentence(detail) : "Another client signed on to ICQ with your account.")
            + " Go offline and online again to take it back.");
      }
      case STOPPED -> {
        presence.setShow(Presence.Show.dnd);
        presence.setStatus((hasText(detail) ? sentence(detail) : "The ICQ session was stopped.")
            + " Go offline and online again, or use the reconnect command, to log in again.");
      }
    }
    return presence;
  }

  /** Whether the user counts as online with the transport in this state (shown as available). */
  public static boolean isShownAvailable(SessionState state) {
    return state != SessionState.OFFLINE;
  }

  /** The text ending with a full stop (or other final punctuation), so another sentence can follow. */
  private static String sentence(String text) {
    String trimmed = text.strip();
    char last = trimmed.charAt(trimmed.length() - 1);
    return last == '.' || last == '!' || last == '?' || last == '…' ? trimmed : trimmed + ".";
  }

  private static boolean hasText(String text) {
    return text != null && !text.isBlank();
  }
}
