package net.icqtransport.xmpp.handler;

import java.util.Objects;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.MessageRejectedException;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.mapping.StanzaErrorMapping;
import net.icqtransport.xmpp.router.MessageListener;
import net.icqtransport.xmpp.stanza.StanzaErrors;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/**
 * Messages from Jabber users to ICQ contacts (XEP-0100 §5.5). A chat or normal message with a body goes to
 * {@code gateway.sendMessage}; when the legacy side does not take it, the message comes back to the sender
 * as a {@code type='error'} message with its body and a mapped condition (RFC 6120 §8.3.1). Nothing is
 * dropped silently: bodiless messages (chat states, receipts) are not supported yet and are logged.
 */
public final class MessageHandler implements MessageListener {
  private static final Logger LOG = LoggerFactory.getLogger(MessageHandler.class);

  private final StanzaSender sender;
  private final Gateway gateway;
  private final TransportAddresses addresses;

  public MessageHandler(StanzaSender sender, Gateway gateway, TransportAddresses addresses) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
  }

  @Override
  public void handle(Message message, Recipient recipient) {
    Message.Type type = message.getType();
    if (type == Message.Type.headline) {
      LOG.debug("Ignoring headline from {} to {} (RFC 6121 §5.2.2: no error replies to headlines)", message.getFrom(), message.getTo());
      return;
    }
    String body = message.getBody();
    if (body == null || body.isEmpty()) {
      LOG.debug("Ignoring a message without body from {} to {} (chat states are not bridged yet)", message.getFrom(), message.getTo());
      return;
    }
    if (recipient.isTransport()) {
      throw new StanzaException(PacketError.Condition.feature_not_implemented,
          "The transport does not take messages itself; write to ICQ-NUMBER@" + addresses.domain());
    }
    if (type == Message.Type.groupchat) {
      throw new StanzaException(PacketError.Condition.not_acceptable, "ICQ contacts do not take group chat messages");
    }
    UserAddress user = addresses.userOf(message.getFrom());
    LegacyContactId contact = recipient.contact();
    gateway.sendMessage(user, contact, body).whenComplete((ignored, failure) -> {
      if (failure != null) {
        Throwable cause = AsyncFailures.unwrap(failure);
        PacketError error;
        if (cause instanceof MessageRejectedException rejected) {
          LOG.debug("Message from {} to ICQ {} rejected: {}", user, contact, rejected.reason());
          error = StanzaErrorMapping.forMessageRejection(rejected);
        } else {
          LOG.warn("Message from {} to ICQ {} failed", user, contact, cause);
          error = StanzaErrorMapping.forUnexpectedFailure("deliver the message");
        }
        sender.send(StanzaErrors.messageError(message, error));
      }
    });
  }
}
