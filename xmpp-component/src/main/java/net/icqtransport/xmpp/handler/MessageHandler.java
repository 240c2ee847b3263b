package net.icqtransport.xmpp.handler;

import java.util.Objects;
import java.util.Optional;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.MessageRejectedException;
import net.icqtransport.core.legacy.TypingState;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.command.ChatCommands;
import net.icqtransport.xmpp.mapping.ChatStateMapping;
import net.icqtransport.xmpp.mapping.StanzaErrorMapping;
import net.icqtransport.xmpp.router.MessageListener;
import net.icqtransport.xmpp.router.RegistrationCheck;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.stanza.StanzaErrors;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.dom4j.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;
import net.icqtransport.xmpp.user.XmppUsers;

/**
 * Messages from Jabber users to ICQ contacts (XEP-0100 §5.5). A chat or normal message with a body goes to
 * {@code gateway.sendMessage}; when the legacy side does not take it, the message comes back to the sender
 * as a {@code type='error'} message with its body and a mapped condition (RFC 6120 §8.3.1).
 *
 * <ul>
 *   <li>XEP-0085 §5: a body-less message with a chat state becomes {@code gateway.sendTyping}; body-less
 *       messages are never bounced.
 *   <li>XEP-0184 §5: a message with {@code <request xmlns='urn:xmpp:receipts'/>} and an id is acknowledged
 *       with {@code <received/>} from the contact once ICQ's server took it for a contact shown online (not
 *       before, never when it bounced, and not for a contact shown offline: the server only stored it, to be
 *       delivered when the contact signs on, and no later event says when).
 *   <li>A message with a body to the transport itself is a command line for {@link ChatCommands}, which
 *       answers registered and unregistered users alike.
 *   <li>A message with a body from a user who is not registered gets {@code registration-required}. A user
 *       with a session counts as registered without a store read ({@link RegistrationCheck#of}), so chat goes
 *       on while the database is down; without one, an unreachable store bounces the message as
 *       {@code internal-server-error} (wait) saying so ({@link StanzaErrorMapping#forStoreUnavailable}).
 * </ul>
 *
 * Bodies are never logged.
 */
public final class MessageHandler implements MessageListener {
  private static final Logger LOG = LoggerFactory.getLogger(MessageHandler.class);

  private final StanzaSender sender;
  private final Gateway gateway;
  private final TransportAddresses addresses;
  private final RegistrationCheck registered;
  /** Which contacts each user is shown online: only their messages get a receipt. */
  private final XmppUsers users;
  /** Messages to the transport itself: command lines (issue #17). */
  private final ChatCommands chatCommands;
  /** Messages with an XEP-0066 OOB URL become ICQ file transfers; {@code null}: they go as text. */
  private final net.icqtransport.xmpp.filetransfer.OobFileForwarder files;

  public MessageHandler(StanzaSender sender, Gateway gateway, TransportAddresses addresses, XmppUsers users,
      ChatCommands chatCommands) {
    this(sender, gateway, addresses, users, chatCommands, null);
  }

  public MessageHandler(StanzaSender sender, Gateway gateway, TransportAddresses addresses, XmppUsers users,
      ChatCommands chatCommands, net.icqtransport.xmpp.filetransfer.OobFileForwarder files) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.users = Objects.requireNonNull(users, "users");
    this.chatCommands = Objects.requireNonNull(chatCommands, "chatCommands");
    this.registered = RegistrationCheck.of(gateway);
    this.files = files;
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
      withoutBody(message, recipient);
      return;
    }
    if (recipient.isTransport()) {
      chatCommands.handle(message); // answers registered and unregistered users alike
      return;
    }
    UserAddress user = addresses.userOf(message.getFrom());
    if (!registered.isRegistered(user)) {
      throw new StanzaException(PacketError.Condition.registration_required,
          "Register with " + addresses.domain() + " (your ICQ number and password) first");
    }
    if (type == Message.Type.groupchat) {
      throw new StanzaException(PacketError.Condition.not_acceptable, "ICQ contacts do not take group chat messages");
    }
    LegacyContactId contact = recipient.contact();
    if (files != null && files.handle(message, user, contact)) {
      return;
    }
    gateway.sendMessage(user, contact, body).whenComplete((ignored, failure) -> {
      if (failure == null) {
        if (message.getID() != null && message.getElement().element(QName.get("request", Namespaces.RECEIPTS)) != null
            && users.find(user).map(state -> state.isContactShownAvailable(contact)).orElse(false)) {
          sender.send(receipt(message));
        }
      } else {
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

  /** Chat states go to ICQ as typing notifications; anything else without a body (e.g. receipts) is consumed. */
  private void withoutBody(Message message, Recipient recipient) {
    Optional<TypingState> typing = ChatStateMapping.toTyping(message);
    if (recipient.isTransport() || typing.isEmpty()) {
      LOG.debug("Consumed a message without body or chat state from {} to {}", message.getFrom(), message.getTo());
      return;
    }
    UserAddress user = addresses.userOf(message.getFrom());
    if (registered.isRegistered(user)) {
      gateway.sendTyping(user, recipient.contact(), typing.get());
    }
  }

  /** XEP-0184 §5: the receipt from the contact to the sending resource. */
  private static Message receipt(Message original) {
    Message receipt = new Message();
    receipt.setFrom(original.getTo());
    receipt.setTo(original.getFrom());
    if (original.getType() == Message.Type.chat) {
      receipt.setType(Message.Type.chat);
    }
    receipt.addChildElement("received", Namespaces.RECEIPTS).addAttribute("id", original.getID());
    return receipt;
  }
}
