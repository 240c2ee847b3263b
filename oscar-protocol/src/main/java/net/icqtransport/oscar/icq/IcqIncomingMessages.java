package net.icqtransport.oscar.icq;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.oscar.snac.LegacyText;
import net.icqtransport.oscar.snac.icbm.IcbmClientAck;
import net.icqtransport.oscar.snac.icbm.IcbmReceived;
import net.icqtransport.oscar.snac.icbm.IcbmRendezvous;
import net.icqtransport.oscar.snac.icbm.IcqChannel4Data;
import net.icqtransport.oscar.snac.icbm.IcqMessageTypes;
import net.icqtransport.oscar.snac.icbm.IcqServerRelayMessage;
import net.icqtransport.oscar.snac.location.Capability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incoming ICQ messages of channels 2 and 4 (iserverd snac_04_07_ch2, snac_04_07_ch4, message) and what their
 * type means: plain and URL messages for the bridge, authorization forms for {@link IcqAuthorization},
 * auto-message requests for {@link IcqStatusMessages}. Every channel-2 ICQ message is acknowledged with
 * SNAC(04,0B) reason 0x0003, as the sender's client waits for it. Offline messages share the type handling.
 */
final class IcqIncomingMessages {
  private static final Logger LOG = LoggerFactory.getLogger(IcqIncomingMessages.class);
  private static final int AUTH_REQUEST_REASON_FIELD = 5;

  private final IcqSessionContext session;
  private final IcqAuthorization authorization;
  private final IcqStatusMessages statusMessages;
  private final IcqPresences presences;

  IcqIncomingMessages(IcqSessionContext session, IcqAuthorization authorization, IcqStatusMessages statusMessages,
      IcqPresences presences) {
    this.session = session;
    this.authorization = authorization;
    this.statusMessages = statusMessages;
    this.presences = presences;
  }

  /** Channel 2: only ICQ server-relay proposals carry messages; file transfers and the like are not taken. */
  void channel2(IcbmReceived icbm) {
    Optional<IcbmRendezvous> rendezvous = icbm.rendezvous();
    if (rendezvous.isEmpty() || rendezvous.get().type() != IcbmRendezvous.PROPOSE
        || !rendezvous.get().isServerRelay()) {
      LOG.debug("{}: ignoring a channel-2 rendezvous that is no ICQ message", session.account());
      return;
    }
    Optional<IcqServerRelayMessage> relayed = rendezvous.get().serverRelayMessage();
    if (relayed.isEmpty() || relayed.get().isPlugin()) {
      LOG.debug("{}: ignoring a channel-2 ICQ plugin message", session.account());
      return;
    }
    IcqServerRelayMessage message = relayed.get();
    String screenName = icbm.sender().screenName();
    LegacyContactId from = IcqSession.contactId(screenName);
    boolean utf8 = message.capabilityString().filter(Capability.UTF8.guidString()::equalsIgnoreCase).isPresent()
        || icbm.sender().hasCapability(Capability.UTF8.guid()) || presences.announcedUtf8(from);
    if (IcqMessageTypes.isAutoMessageRequest(message.messageType())) {
      statusMessages.answer(icbm.cookie(), screenName, message, utf8);
      return;
    }
    Charset charset = utf8 ? StandardCharsets.UTF_8 : session.settings().legacyCodepage();
    acknowledge(icbm.cookie(), screenName, message);
    if (!control(from, message.messageType(), message.text())) {
      text(message.messageType(), message.text(), charset, utf8)
          .ifPresentOrElse(text -> session.notify(l -> l.messageReceived(from, text, null)),
              () -> LOG.debug("{}: channel-2 message of type 0x{} not passed on", session.account(),
                  Integer.toHexString(message.messageType())));
    }
  }

  /** The 04/0B reply to a channel-2 message: same type, flags 0, our status, empty text. */
  private void acknowledge(long cookie, String screenName, IcqServerRelayMessage message) {
    IcqServerRelayMessage body = new IcqServerRelayMessage(message.protocolVersion(), new byte[16],
        IcqServerRelayMessage.CLIENT_FLAGS, message.counter(), message.messageType(), 0,
        statusMessages.statusWire(), 0, new byte[0], new byte[0]);
    session.send(id -> new IcbmClientAck(cookie, 2, screenName, IcbmClientAck.REASON_CHANNEL_SPECIFIC,
        body.toBytes()).toSnac(id));
  }

  /** Channel 4: text without charset, fields split by 0xFE. The sender is the ICBM's screen name. */
  void channel4(IcbmReceived icbm) {
    Optional<IcqChannel4Data> data = icbm.channel4Data();
    if (data.isEmpty()) {
      LOG.debug("{}: channel-4 message without TLV 0x05", session.account());
      return;
    }
    LegacyContactId from = IcqSession.contactId(icbm.sender().screenName());
    int type = data.get().type();
    byte[] bytes = data.get().text();
    if (!control(from, type, bytes)) {
      text(type, bytes, session.settings().legacyCodepage(), false)
          .ifPresentOrElse(text -> session.notify(l -> l.messageReceived(from, text, null)),
              () -> LOG.debug("{}: channel-4 message of type 0x{} not passed on", session.account(),
                  Integer.toHexString(type)));
    }
  }

  /**
   * Authorization forms (types 0x06, 0x07, 0x08, 0x0C) go to {@link IcqAuthorization}; returns whether the
   * type was one of them.
   */
  boolean control(LegacyContactId from, int type, byte[] bytes) {
    Charset legacy = session.settings().legacyCodepage();
    switch (type) {
      case IcqMessageTypes.AUTH_REQUEST -> {
        // nick, first, last, e-mail, flag, reason: the reason is the last field.
        List<String> fields = IcqChannel4Data.splitFields(bytes, legacy);
        String reason = fields.size() > AUTH_REQUEST_REASON_FIELD
            ? fields.get(AUTH_REQUEST_REASON_FIELD) : fields.get(fields.size() - 1);
        authorization.requested(from, reason);
        return true;
      }
      case IcqMessageTypes.AUTH_DENIED -> {
        authorization.answered(from, false, LegacyText.decode(bytes, legacy));
        return true;
      }
      case IcqMessageTypes.AUTH_GRANTED -> {
        authorization.answered(from, true, LegacyText.decode(bytes, legacy));
        return true;
      }
      case IcqMessageTypes.ADDED -> {
        authorization.addedBy(from);
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /**
   * The text a plain (0x01) or URL (0x04: description, URL) message shows; empty for other types.
   *
   * @param known whether {@code charset} is certain; if not, valid UTF-8 wins over it
   */
  static Optional<String> text(int type, byte[] bytes, Charset charset, boolean known) {
    return switch (type) {
      case IcqMessageTypes.PLAIN -> Optional.of(LegacyText.decode(bytes, charset, known));
      case IcqMessageTypes.URL -> {
        List<String> fields = IcqChannel4Data.split(bytes).stream()
            .map(field -> LegacyText.decode(field, charset, known)).toList();
        String description = fields.get(0).strip();
        String url = fields.size() > 1 ? fields.get(1).strip() : "";
        yield Optional.of(description.isEmpty() ? url : url.isEmpty() ? description : description + "\n" + url);
      }
      default -> Optional.empty();
    };
  }
}
