package net.icqtransport.xmpp.stanza;

import java.util.Objects;
import org.dom4j.QName;
import org.xmpp.packet.PacketError;

/**
 * A handler refuses a stanza with an XMPP stanza error (RFC 6120 §8.3); the router turns it into the error
 * reply. The text is shown to the user, so it must never contain secrets.
 */
public final class StanzaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final PacketError.Condition condition;
  private final PacketError.Type type;
  private final QName applicationCondition;

  public StanzaException(PacketError.Condition condition, String text) {
    this(condition, condition.getDefaultType(), text);
  }

  public StanzaException(PacketError.Condition condition, PacketError.Type type, String text) {
    this(condition, type, text, null);
  }

  /**
   * With an application-specific condition element (RFC 6120 §8.3.2), e.g. XEP-0050's
   * {@code <bad-sessionid xmlns='http://jabber.org/protocol/commands'/>}; null for none.
   */
  public StanzaException(PacketError.Condition condition, PacketError.Type type, String text, QName applicationCondition) {
    super(text, null, false, false);
    this.condition = Objects.requireNonNull(condition, "condition");
    this.type = Objects.requireNonNull(type, "type");
    this.applicationCondition = applicationCondition;
  }

  /** The error element to put into the reply. */
  public PacketError toPacketError() {
    PacketError error = new PacketError(condition, type, getMessage());
    if (applicationCondition != null) {
      error.getElement().addElement(applicationCondition);
    }
    return error;
  }

  public PacketError.Condition condition() {
    return condition;
  }
}
