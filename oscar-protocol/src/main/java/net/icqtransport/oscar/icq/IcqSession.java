package net.icqtransport.oscar.icq;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.AvatarId;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacySearchQuery;
import net.icqtransport.core.legacy.LegacyUserInfo;
import net.icqtransport.core.legacy.LegacyListener;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.MessageRejectedException;
import net.icqtransport.core.legacy.MessageRejectedException.Reason;
import net.icqtransport.oscar.client.FlapConnection;
import net.icqtransport.oscar.client.OscarErrorCodes;
import net.icqtransport.oscar.client.OscarLoginResult;
import net.icqtransport.oscar.client.ServerSignOff;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacError;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.buddy.UserInfo;
import net.icqtransport.oscar.snac.icbm.IcbmChannel1Send;
import net.icqtransport.oscar.snac.icbm.IcbmMessageText;
import net.icqtransport.oscar.snac.icbm.IcbmReceived;
import net.icqtransport.oscar.snac.icbm.IcbmServerAck;
import net.icqtransport.oscar.snac.icbm.IcbmTextSplitter;
import net.icqtransport.oscar.snac.service.SetStatus;
import net.icqtransport.oscar.snac.ssi.SsiItem;
import net.icqtransport.oscar.snac.ssi.SsiList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logged-in ICQ session on its BOS connection. Everything runs on the connection's event loop: public
 * methods hop onto it, so listener calls come in order, never concurrently, and never after
 * {@link LegacyListener#sessionClosed}.
 */
final class IcqSession implements LegacySession, FlapConnection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(IcqSession.class);
  /** The ICBM size ICQ clients set with SNAC(04,02); servers may report less in SNAC(04,05). */
  private static final int MAX_MESSAGE_BYTES = 8000;

  private final LegacyContactId account;
  private final FlapConnection connection;
  private final EventLoop loop;
  private final LegacyListener listener;
  private final IcqNetworkSettings settings;
  private final int maxMessageBytes;
  private final Map<Long, PendingMessage> pending = new HashMap<>();
  private final IcqDirectory directory;
  private final IcqAvatars avatars;
  private boolean closed;

  /** One sendMessage call, which may have become several ICBMs. */
  private static final class PendingMessage {
    final CompletableFuture<Void> future = new CompletableFuture<>();
    final List<Long> requestIds = new ArrayList<>();
    int unacknowledged;
    ScheduledFuture<?> timeout;
  }

  IcqSession(OscarLoginResult login, LegacyContactId account, LegacyListener listener, IcqNetworkSettings settings) {
    this.account = account;
    this.connection = login.connection();
    this.loop = connection.eventLoop();
    this.listener = listener;
    this.settings = settings;
    int serverMax = login.icbmParameters().map(p -> p.maxMessageSize()).filter(m -> m > 0).orElse(MAX_MESSAGE_BYTES);
    this.maxMessageBytes = Math.max(64, Math.min(serverMax, MAX_MESSAGE_BYTES));
    this.directory = new IcqDirectory(connection, account, settings);
    this.avatars = new IcqAvatars(connection, login.families().supports(0x10), settings, account);
  }

  /** Reports the contact list of the login; called on the event loop once the open future completed. */
  void start(List<SsiItem> contactList) {
    if (!closed) {
      deliverContactList(contactList);
    }
  }

  @Override
  public LegacyContactId account() {
    return account;
  }

  // ---- from the bridge to ICQ

  @Override
  public CompletableFuture<Void> sendMessage(LegacyContactId to, String text) {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(text, "text");
    PendingMessage message = new PendingMessage();
    loop.execute(() -> send(message, to, text));
    return message.future;
  }

  private void send(PendingMessage message, LegacyContactId to, String text) {
    if (closed) {
      message.future.completeExceptionally(notConnected());
      return;
    }
    List<String> parts = IcbmTextSplitter.split(text, maxMessageBytes);
    if (parts.isEmpty()) {
      message.future.complete(null);
      return;
    }
    message.unacknowledged = parts.size();
    for (String part : parts) {
      long cookie = ThreadLocalRandom.current().nextLong();
      IcbmChannel1Send icbm = new IcbmChannel1Send(cookie, to.value(), IcbmMessageText.of(part), true, false);
      long requestId = connection.send(icbm::toSnac);
      message.requestIds.add(requestId);
      pending.put(requestId, message);
    }
    message.timeout = loop.schedule(() -> settle(message,
        new MessageRejectedException(Reason.OTHER, "the server did not confirm the message in time")),
        settings.messageAckTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void setStatus(LegacyStatus status, String statusText) {
    int wire = IcqStatusCodes.toWire(status);
    loop.execute(() -> {
      if (!closed) {
        connection.send(id -> new SetStatus(0, wire).toSnac(id));
      }
    });
  }

  @Override
  public CompletableFuture<LegacyUserInfo> fetchUserInfo(LegacyContactId user) {
    Objects.requireNonNull(user, "user");
    return onLoop(() -> directory.fetchUserInfo(user));
  }

  @Override
  public CompletableFuture<List<LegacyUserInfo>> search(LegacySearchQuery query) {
    Objects.requireNonNull(query, "query");
    return onLoop(() -> directory.search(query));
  }

  @Override
  public CompletableFuture<byte[]> fetchAvatar(LegacyContactId contact, AvatarId avatar) {
    Objects.requireNonNull(contact, "contact");
    Objects.requireNonNull(avatar, "avatar");
    return onLoop(() -> avatars.fetch(contact, avatar));
  }

  @Override
  public CompletableFuture<AvatarId> setAvatar(byte[] image) {
    byte[] copy = image.clone();
    return onLoop(() -> avatars.upload(copy));
  }

  /** Runs a request on the event loop and hands its future back to any thread. */
  private <T> CompletableFuture<T> onLoop(java.util.function.Supplier<CompletableFuture<T>> request) {
    CompletableFuture<T> result = new CompletableFuture<>();
    loop.execute(() -> {
      try {
        request.get().whenComplete((value, failure) -> {
          if (failure != null) {
            result.completeExceptionally(failure);
          } else {
            result.complete(value);
          }
        });
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  @Override
  public void close() {
    loop.execute(() -> {
      if (!closed) {
        connection.signOff();
        end(DisconnectReason.CLOSED_BY_CLIENT, "signed off");
      }
    });
  }

  // ---- from ICQ to the bridge

  @Override
  public void frameReceived(FlapConnection c, FlapFrame frame) {
    if (closed) {
      return;
    }
    switch (frame.channel()) {
      case DATA -> snacReceived(Snac.fromFrame(frame));
      case SIGNOFF -> signOffReceived(frame.payload());
      case KEEPALIVE -> { }
      default -> LOG.debug("{}: ignoring {}", account, frame);
    }
  }

  @Override
  public void connectionEnded(FlapConnection c, FlapConnection.End end, Throwable cause) {
    if (end == FlapConnection.End.PROTOCOL_ERROR) {
      end(DisconnectReason.PROTOCOL_ERROR, cause == null ? "protocol error" : cause.getMessage());
    } else {
      end(DisconnectReason.CONNECTION_LOST,
          "connection to " + c.peer() + " lost" + (cause == null ? "" : ": " + cause.getMessage()));
    }
  }

  private void snacReceived(Snac snac) {
    if (directory.accept(snac) || avatars.accept(snac)) {
      return;
    }
    Optional<SnacType> type = SnacType.of(snac);
    if (type.isEmpty()) {
      LOG.debug("{}: ignoring unknown {}", account, snac);
      return;
    }
    switch (type.get()) {
      case BUDDY_ONLINE -> {
        for (UserInfo info : UserInfo.readAll(snac)) {
          LegacyStatus status = IcqStatusCodes.fromWire(info.status().orElse(0));
          notify(() -> listener.contactPresenceChanged(contactId(info.screenName()), LegacyPresence.of(status)));
        }
      }
      case BUDDY_OFFLINE -> {
        for (UserInfo info : UserInfo.readAll(snac)) {
          notify(() -> listener.contactPresenceChanged(contactId(info.screenName()), LegacyPresence.offline()));
        }
      }
      case ICBM_RECEIVE -> messageReceived(IcbmReceived.decode(snac));
      case ICBM_SERVER_ACK -> {
        PendingMessage message = pending.get(IcbmServerAck.decode(snac).requestId());
        if (message != null && --message.unacknowledged == 0) {
          settle(message, null);
        }
      }
      case ICBM_ERROR -> {
        SnacError error = SnacError.decode(snac);
        PendingMessage message = pending.get(error.requestId());
        if (message != null) {
          settle(message, OscarErrorCodes.messageRejected(error.code()));
        } else {
          LOG.debug("{}: ICBM error 0x{} for no pending message", account, Integer.toHexString(error.code()));
        }
      }
      case SSI_LIST -> {
        // Servers resend the whole list after edits elsewhere; only a complete single-part list is taken.
        SsiList list = SsiList.decode(snac);
        if (!list.moreFollow()) {
          deliverContactList(list.items());
        }
      }
      default -> LOG.debug("{}: not acting on {}", account, snac);
    }
  }

  private void messageReceived(IcbmReceived icbm) {
    if (icbm.channel() != 1) {
      LOG.debug("{}: ignoring a channel-{} message", account, icbm.channel());
      return;
    }
    Optional<IcbmMessageText> text = icbm.text();
    if (text.isEmpty()) {
      LOG.debug("{}: channel-1 message without text", account);
      return;
    }
    String decoded = text.get().decode(settings.legacyCodepage());
    Instant sentAt = null;
    if (icbm.sendTime().isPresent()) {
      Instant when = Instant.ofEpochSecond(icbm.sendTime().getAsLong());
      // Only a time clearly in the past marks a delayed message; clocks differ by a few seconds.
      if (when.isBefore(Instant.now().minusSeconds(60))) {
        sentAt = when;
      }
    }
    Instant delay = sentAt;
    LegacyContactId from = contactId(icbm.sender().screenName());
    notify(() -> listener.messageReceived(from, decoded, delay));
  }

  private void signOffReceived(byte[] payload) {
    ServerSignOff signOff = ServerSignOff.parse(payload);
    connection.close();
    end(signOff.reason(), signOff.detail());
  }

  private void deliverContactList(List<SsiItem> items) {
    Map<Integer, String> groups = new HashMap<>();
    for (SsiItem item : items) {
      if (item.type() == SsiItem.TYPE_GROUP && item.groupId() != 0) {
        groups.put(item.groupId(), item.name());
      }
    }
    Map<LegacyContactId, LegacyContact> contacts = new java.util.LinkedHashMap<>();
    for (SsiItem item : items) {
      if (item.type() == SsiItem.TYPE_BUDDY && !item.name().isBlank()) {
        LegacyContactId id = contactId(item.name());
        contacts.putIfAbsent(id, new LegacyContact(id, item.nickname().orElse(id.value()), groups.get(item.groupId())));
      }
    }
    List<LegacyContact> list = List.copyOf(contacts.values());
    notify(() -> listener.contactListReceived(list));
  }

  private void settle(PendingMessage message, MessageRejectedException failure) {
    message.requestIds.forEach(pending::remove);
    if (message.timeout != null) {
      message.timeout.cancel(false);
    }
    if (failure == null) {
      message.future.complete(null);
    } else {
      message.future.completeExceptionally(failure);
    }
  }

  private void end(DisconnectReason reason, String detail) {
    if (closed) {
      return;
    }
    closed = true;
    connection.close();
    directory.close();
    avatars.close();
    for (PendingMessage message : List.copyOf(new java.util.LinkedHashSet<>(pending.values()))) {
      settle(message, notConnected());
    }
    LOG.debug("{}: session ended: {} ({})", account, reason, detail);
    try {
      listener.sessionClosed(reason, detail);
    } catch (RuntimeException e) {
      LOG.warn("{}: listener failed in sessionClosed", account, e);
    }
  }

  /** Listener calls never break the session: a failing bridge callback is logged and the session goes on. */
  private void notify(Runnable call) {
    if (closed) {
      return;
    }
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("{}: listener failed", account, e);
    }
  }

  private static MessageRejectedException notConnected() {
    return new MessageRejectedException(Reason.NOT_CONNECTED, "not connected to ICQ");
  }

  /** UINs as they are; other screen names (AIM contacts) normalized as AIM compares them. */
  static LegacyContactId contactId(String screenName) {
    if (IcqNetwork.isUin(screenName)) {
      return new LegacyContactId(screenName);
    }
    return new LegacyContactId(screenName.replace(" ", "").toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return "IcqSession[" + account + "]";
  }
}
