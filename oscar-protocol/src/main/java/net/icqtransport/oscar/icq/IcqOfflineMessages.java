package net.icqtransport.oscar.icq;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.icqtransport.core.legacy.DeliveryConfirmation;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.OfflineMessage;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.icq.IcqExtChunk;
import net.icqtransport.oscar.snac.icq.OfflineMessageRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the messages the server stored while the user was offline (iserverd snac_15_02_003c,
 * snac_15_03_0041, snac_15_03_0042, snac_15_02_003e): after sign-on 15/02 type 0x003C, then one 15/03 type
 * 0x0041 per message until type 0x0042. Plain and URL messages go to the bridge together with a
 * {@link DeliveryConfirmation}; only when it is confirmed does 15/02 type 0x003E ask the server to delete them.
 * Authorization forms among them go to {@link IcqIncomingMessages#control} at once.
 */
final class IcqOfflineMessages {
  private static final Logger LOG = LoggerFactory.getLogger(IcqOfflineMessages.class);

  private final IcqSessionContext session;
  private final IcqIncomingMessages incoming;
  private final long uin;
  private final List<OfflineMessage> collected = new ArrayList<>();
  private int sequence;

  IcqOfflineMessages(IcqSessionContext session, IcqIncomingMessages incoming) {
    this.session = session;
    this.incoming = incoming;
    // 0 for an AIM screen name, which IcqSession never asks for ICQ offline messages.
    this.uin = IcqNetwork.isUin(session.account().value()) ? Long.parseLong(session.account().value()) : 0;
  }

  /** 15/02 type 0x003C; call once the client is ready. */
  void request() {
    IcqExtChunk chunk = new IcqExtChunk(uin, IcqExtChunk.OFFLINE_MESSAGES_REQUEST, nextSequence(), new byte[0]);
    session.send(id -> chunk.toSnac(SnacType.ICQ_EXT_REQUEST, 0, id));
  }

  /** A 15/03; returns whether it was an offline-message reply (others are left to their owners). */
  boolean reply(Snac snac) {
    IcqExtChunk chunk = IcqExtChunk.decode(snac);
    switch (chunk.type()) {
      case IcqExtChunk.OFFLINE_MESSAGE -> {
        try {
          collect(OfflineMessageRecord.decode(chunk.body()));
        } catch (OscarProtocolException e) {
          LOG.warn("{}: skipping an unreadable offline message: {}", session.account(), e.getMessage());
        }
        return true;
      }
      case IcqExtChunk.OFFLINE_MESSAGES_END -> {
        deliver();
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private void collect(OfflineMessageRecord record) {
    LegacyContactId from = IcqSession.contactId(Long.toString(record.senderUin()));
    if (incoming.control(from, record.type(), record.text())) {
      return;
    }
    Optional<String> text = IcqIncomingMessages.text(record.type(), record.text(),
        session.settings().legacyCodepage(), false);
    if (text.isEmpty()) {
      LOG.debug("{}: offline message of type 0x{} not passed on", session.account(), Integer.toHexString(record.type()));
      return;
    }
    Instant sentAt = record.sentAt().orElseGet(Instant::now);
    collected.add(new OfflineMessage(from, text.get(), sentAt));
  }

  private void deliver() {
    List<OfflineMessage> messages = List.copyOf(collected);
    collected.clear();
    if (messages.isEmpty()) {
      return;
    }
    DeliveryConfirmation confirmation = new Confirmation();
    session.notify(l -> l.offlineMessagesReceived(messages, confirmation));
  }

  private int nextSequence() {
    sequence = (sequence + 1) & 0xFFFF;
    return sequence;
  }

  /** Sends 15/02 type 0x003E once, on the session's loop, and only while it is connected. */
  private final class Confirmation implements DeliveryConfirmation {
    private boolean confirmed;

    @Override
    public void confirm() {
      session.loop().execute(() -> {
        if (confirmed || session.isClosed()) {
          return;
        }
        confirmed = true;
        IcqExtChunk chunk = new IcqExtChunk(uin, IcqExtChunk.OFFLINE_MESSAGES_DELETE, nextSequence(), new byte[0]);
        session.send(id -> chunk.toSnac(SnacType.ICQ_EXT_REQUEST, 0, id));
      });
    }
  }
}
