package net.icqtransport.xmpp.stanza;

import java.util.Objects;
import org.xmpp.packet.PacketError;

/**
 * A handler refuses a stanza with an XMPP stanza error (RFC 6120 §8.3); the router turns it into the error
 * reply. The text is shown to the user, so it must never contain secrets.
 */
public final class StanzaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final PacketError.Condition condition;
  private final PacketError.Type type;

  public StanzaException(PacketError.Condition condition, String text) {
    this(condition, condition.getDefaultType(), text);
  }

  public StanzaException(PacketError.Condition condition, PacketError.Type type, String text) {
    super(text, null, false, false);
    this.condition = Objects.requireNonNull(condition, "condition");
    this.type = Objects.requireNonNull(type, "type");
  }

  /** The error element to put into the reply. */
  public PacketError toPacketError() {
    return new PacketError(condition, type, getMessage());
  }

  public PacketError.Condition condition() {
    return condition;
  }
}
