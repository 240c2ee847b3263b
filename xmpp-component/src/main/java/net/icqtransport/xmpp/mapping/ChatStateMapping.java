package net.icqtransport.xmpp.mapping;

import java.util.Optional;
import net.icqtransport.core.legacy.TypingState;
import net.icqtransport.xmpp.stanza.Namespaces;
import org.dom4j.Element;
import org.xmpp.packet.Message;

/**
 * XEP-0085 chat states ⇄ ICQ typing notifications (SNAC 04/14), both ways in one place.
 *
 * <pre>
 *   composing → TYPING      paused → PAUSED      active, inactive, gone → STOPPED
 *   TYPING → composing      PAUSED → paused      STOPPED → active
 * </pre>
 */
public final class ChatStateMapping {

  private ChatStateMapping() {}

  /** The typing state a message's chat state element means, if it carries one (XEP-0085 §5). */
  public static Optional<TypingState> toTyping(Message message) {
    for (Element child : message.getElement().elements()) {
      if (Namespaces.CHAT_STATES.equals(child.getNamespaceURI())) {
        return switch (child.getName()) {
          case "composing" -> Optional.of(TypingState.TYPING);
          case "paused" -> Optional.of(TypingState.PAUSED);
          case "active", "inactive", "gone" -> Optional.of(TypingState.STOPPED);
          default -> Optional.empty();
        };
      }
    }
    return Optional.empty();
  }

  /** The chat state element name for a typing state. */
  public static String toChatState(TypingState state) {
    return switch (state) {
      case TYPING -> "composing";
      case PAUSED -> "paused";
      case STOPPED -> "active";
    };
  }
}
