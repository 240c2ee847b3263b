package net.icqtransport.xmpp.stanza;

import java.util.Optional;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * Builds error replies to stanzas (RFC 6120 §8.3). Replies never echo an IQ's payload: a registration
 * request carries the user's password, and an error must not send it back through the server.
 */
public final class StanzaErrors {

  private StanzaErrors() {}

  /** The error reply to an IQ get/set: same id, addresses swapped, no payload. */
  public static IQ iqError(IQ request, PacketError error) {
    IQ reply = new IQ(IQ.Type.error, request.getID());
    reply.setFrom(request.getTo());
    reply.setTo(request.getFrom());
    reply.setError(modern(error));
    return reply;
  }

  /** A message bounced to its sender (RFC 6120 §8.3.1), keeping the body and thread so the user sees what failed. */
  public static Message messageError(Message original, PacketError error) {
    Message bounce = new Message();
    bounce.setID(original.getID());
    bounce.setFrom(original.getTo());
    bounce.setTo(original.getFrom());
    bounce.setType(Message.Type.error);
    if (original.getBody() != null) {
      bounce.setBody(original.getBody());
    }
    if (original.getThread() != null) {
      bounce.setThread(original.getThread());
    }
    bounce.setError(modern(error));
    return bounce;
  }

  /** A presence error to the sender of a presence. */
  public static Presence presenceError(Presence original, PacketError error) {
    Presence reply = new Presence(Presence.Type.error);
    reply.setID(original.getID());
    reply.setFrom(original.getTo());
    reply.setTo(original.getFrom());
    reply.setError(modern(error));
    return reply;
  }

  /**
   * The error reply for any stanza, or empty when none may be sent: never to an error (that could loop), an
   * IQ result, or a stanza without a sender.
   */
  public static Optional<Packet> replyTo(Packet stanza, PacketError error) {
    if (stanza.getFrom() == null || isErrorOrResult(stanza)) {
      return Optional.empty();
    }
    if (stanza instanceof IQ iq) {
      return Optional.of(iqError(iq, error));
    }
    if (stanza instanceof Message message) {
      return Optional.of(messageError(message, error));
    }
    if (stanza instanceof Presence presence) {
      return Optional.of(presenceError(presence, error));
    }
    return Optional.empty();
  }

  /** Without Tinder's legacy {@code code} attribute (XEP-0086, deprecated): RFC 6120 conditions only. */
  private static PacketError modern(PacketError error) {
    PacketError copy = new PacketError(error.getElement().createCopy());
    copy.getElement().addAttribute("code", null);
    return copy;
  }

  private static boolean isErrorOrResult(Packet stanza) {
    String type = stanza.getElement().attributeValue("type");
    return "error".equals(type) || (stanza instanceof IQ && "result".equals(type));
  }
}
