package net.icqtransport.oscar.icq;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import net.icqtransport.core.legacy.AvatarId;
import net.icqtransport.core.legacy.ContactAddResult;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyListener;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacySearchQuery;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.LegacyUserInfo;
import net.icqtransport.core.legacy.MessageRejectedException.Reason;
import net.icqtransport.core.legacy.MessageRejectedException;
import net.icqtransport.core.legacy.TypingState;
import net.icqtransport.oscar.OscarProtocolException;
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
import net.icqtransport.oscar.snac.icbm.IcbmClientAck;
import net.icqtransport.oscar.snac.icbm.IcbmMessageText;
import net.icqtransport.oscar.snac.icbm.IcbmReceived;
import net.icqtransport.oscar.snac.icbm.IcbmServerAck;
import net.icqtransport.oscar.snac.icbm.IcbmTextSplitter;
import net.icqtransport.oscar.snac.icbm.IcbmTyping;
import net.icqtransport.oscar.snac.ssi.SsiAuthReply;
import net.icqtransport.oscar.snac.ssi.SsiAuthRequest;
import net.icqtransport.oscar.snac.ssi.SsiEdit;
import net.icqtransport.oscar.snac.ssi.SsiEditResult;
import net.icqtransport.oscar.snac.ssi.SsiItem;
import net.icqtransport.oscar.snac.ssi.SsiList;
import net.icqtransport.oscar.snac.ssi.SsiYouWereAdded;
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
  /**
   * How long {@link #close()} reads on after its sign-off frame until the server closes the connection: what the
   * server wrote to the session in that instant (it counts it as delivered) is still handed to the listener.
   * Servers close at once on a channel-4 frame; this bounds the wait for one that does not.
   */
  static final long SIGN_OFF_READ_MILLIS = 1000;

  private final LegacyContactId account;
  private final FlapConnection connection;
  private final EventLoop loop;
  /** The bridge's listener behind the filter of blocked contacts. */
  private final LegacyListener listener;
  /** The bridge's listener itself, to show a contact offline or back when it is blocked or unblocked. */
  private final LegacyListener unfiltered;
  private final IcqNetworkSettings settings;
  private final int maxMessageBytes;
  private final Map<Long, PendingMessage> pending = new HashMap<>();
  private final IcqDirectory directory;
  private final IcqAvatars avatars;
  private final AimLocation location;
  private final boolean offlineMessageFamily;
  private final IcqPresences presences = new IcqPresences();
  private final IcqContactList contactList;
  private final IcqAuthorization authorization;
  private final IcqStatusMessages statusMessages;
  private final IcqIncomingMessages incoming;
  private final IcqOfflineMessages offlineMessages;
  /** A screen name's offline messages (04/10 → 04/07 … 04/17); ICQ numbers use {@link #offlineMessages}. */
  private final AimOfflineMessages aimOfflineMessages;
  private final boolean icbmFamily;
  private final IcqFileTransfers fileTransfers;
  private final IcqChatRooms chatRooms;
  /**
   * The account's screen name as the server formats it ("Joe User" for {@code joeuser}), from the login's and
   * later 01/0F own info; null while unknown or when it is the id itself. Written on the loop, read anywhere.
   */
  private volatile String displayName;
  private boolean closed;
  /** {@link #close()} sent the sign-off frame and reads on until the server closes; takes no new work. */
  private boolean signingOff;
  /**
   * Ends the read-on after {@link #SIGN_OFF_READ_MILLIS}; cancelled when the server closes first, as servers do,
   * so that the event loop does not hold this session (and through its listener the user's bridge) until then.
   */
  private ScheduledFuture<?> signOffReadEnd;

  /** One sendMessage call, which may have become several ICBMs. */
  private static final class PendingMessage {
    final CompletableFuture<Void> future = new CompletableFuture<>();
    final List<Long> requestIds = new ArrayList<>();
    int unacknowledged;
    ScheduledFuture<?> timeout;
  }

  /** A session without file transfers: offers are cancelled, sends fail as not supported. */
  IcqSession(OscarLoginResult login, LegacyContactId account, LegacyListener listener, IcqNetworkSettings settings) {
    this(login, account, listener, settings, IcqFileTransferSettings.defaults(), null);
  }

  /** @param transfers runs OFT connections (blocking); {@code null}: no file transfers */
  IcqSession(OscarLoginResult login, LegacyContactId account, LegacyListener listener, IcqNetworkSettings settings,
      IcqFileTransferSettings fileSettings, java.util.concurrent.Executor transfers) {
    this.account = account;
    this.connection = login.connection();
    this.loop = connection.eventLoop();
    this.listener = new BlockedContactsFilter(listener, this::isBlocked);
    this.unfiltered = listener;
    this.settings = settings;
    int serverMax = login.icbmParameters().map(p -> p.maxMessageSize()).filter(m -> m > 0).orElse(MAX_MESSAGE_BYTES);
    this.maxMessageBytes = Math.max(64, Math.min(serverMax, MAX_MESSAGE_BYTES));
    this.directory = new IcqDirectory(connection, account, settings);
    this.avatars = new IcqAvatars(connection, login.families().supports(0x10), settings, account);
    this.offlineMessageFamily = login.families().supports(0x15);
    login.formattedScreenName().ifPresent(this::ownScreenName);
    IcqSessionContext context = new Context();
    this.contactList = new IcqContactList(context);
    this.authorization = new IcqAuthorization(context, contactList);
    this.location = new AimLocation(context, login.families().supports(0x02));
    this.statusMessages = new IcqStatusMessages(context, contactList, presences, location);
    this.incoming = new IcqIncomingMessages(context, authorization, statusMessages, presences);
    this.offlineMessages = new IcqOfflineMessages(context, incoming);
    this.aimOfflineMessages = new AimOfflineMessages(context);
    this.icbmFamily = login.families().supports(0x04);
    this.fileTransfers = new IcqFileTransfers(context, presences, fileSettings, transfers, connection::localAddress);
    this.chatRooms = new IcqChatRooms(context, login.families().supports(IcqChatRooms.CHAT_NAV));
  }

  /**
   * Reports the contact list of the login and asks for offline messages; called on the event loop once the open
   * future completed (after "client ready").
   */
  void start(List<SsiItem> items) {
    if (!closed && !signingOff) {
      contactList.replace(items);
      // Family 0x15 stores offline messages by UIN; an AIM screen name's are kept as ICBMs, fetched with 04/10.
      if (IcqNetwork.isUin(account.value())) {
        if (offlineMessageFamily) {
          offlineMessages.request();
        }
      } else if (icbmFamily) {
        aimOfflineMessages.request();
      }
    }
  }

  @Override
  public LegacyContactId account() {
    return account;
  }

  /**
   * The screen name as the server formats it in the own info (01/0F) of the sign-on and after (e.g. "Joe User"
   * for the account {@code joeuser}); empty while the server did not say, and for a spelling that is the id.
   */
  @Override
  public Optional<String> accountDisplayName() {
    return Optional.ofNullable(displayName);
  }

  /** Takes the server's spelling of the own screen name if it names this account and differs from the id. */
  private void ownScreenName(String formatted) {
    String name = formatted.strip();
    if (!name.isEmpty() && !name.equals(account.value())
        && AimScreenNames.normalize(name).equals(AimScreenNames.normalize(account.value()))) {
      displayName = name;
    }
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
    if (closed || signingOff) {
      message.future.completeExceptionally(notConnected());
      return;
    }
    boolean latin1 = latin1Recipient(to);
    List<String> parts = parts(to, text, latin1);
    if (parts.isEmpty()) {
      message.future.complete(null);
      return;
    }
    message.unacknowledged = parts.size();
    for (String part : parts) {
      long cookie = ThreadLocalRandom.current().nextLong();
      // TLV 0x06: an offline recipient gets it as an offline message, as from any ICQ client; the server's
      // 04/0C then means "stored" as well as "delivered", and only what it refuses comes back as 04/01.
      IcbmChannel1Send icbm =
          new IcbmChannel1Send(cookie, to.value(), IcbmMessageText.of(part, latin1), true, true);
      long requestId = connection.send(icbm::toSnac);
      message.requestIds.add(requestId);
      pending.put(requestId, message);
    }
    message.timeout = loop.schedule(() -> settle(message,
        new MessageRejectedException(Reason.OTHER, "the server did not confirm the message in time")),
        settings.messageAckTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Whether messages with {@code peer} are HTML: when either side is an AIM screen name. AIM clients send HTML to
   * everyone and show what they receive as HTML; only between two ICQ numbers is the body plain text (ICQ's path
   * as before). Our own sessions on both ends therefore agree on every pair.
   */
  private boolean htmlBodies(String peer) {
    return !IcqNetwork.isUin(account.value()) || !IcqNetwork.isUin(peer);
  }

  /**
   * Whether text to {@code to} may go as ISO-8859-1 (charset 0x0003) when it fits: for an AIM screen name whose
   * client did not announce the unicode capability in its last 03/0B (or was never seen online), as AIM-era
   * clients chose per contact. ICQ numbers keep UTF-16BE for non-ASCII text (what ICQ clients read, capability or
   * not), and so do AIM contacts that announced unicode. Text that Latin-1 cannot hold goes as UTF-16BE to
   * everyone: current servers relay it and current AIM clients show it, where a lossy 8-bit form would
   * silently drop characters ({@link IcbmMessageText#of(String, boolean)}).
   */
  private boolean latin1Recipient(LegacyContactId to) {
    return !IcqNetwork.isUin(to.value()) && !presences.announcedUtf8(to);
  }

  /**
   * The ICBM texts for {@code text}: as it is between ICQ numbers; HTML-escaped when AIM is involved
   * ({@link #htmlBodies}), as the AIM client reads the body as HTML (a typed {@code <b>} must arrive as
   * {@code <b>}), each part escaped on its own so no entity is cut, and split again should escaping have made a
   * part too long. Parts are measured in the charset they will go in ({@code latin1}: see {@link #latin1Recipient}).
   */
  private List<String> parts(LegacyContactId to, String text, boolean latin1) {
    List<String> plain = IcbmTextSplitter.split(text, maxMessageBytes, latin1);
    if (!htmlBodies(to.value())) {
      return plain;
    }
    List<String> escaped = new ArrayList<>();
    for (String part : plain) {
      String html = AimHtml.escape(part);
      if (IcbmMessageText.encodedLength(html, latin1) <= maxMessageBytes) {
        escaped.add(html);
      } else {
        // "&quot;" is the longest escape: a sixth of the budget always fits once escaped.
        IcbmTextSplitter.split(part, Math.max(4, maxMessageBytes / 6), latin1)
            .forEach(p -> escaped.add(AimHtml.escape(p)));
      }
    }
    return escaped;
  }

  @Override
  public void setStatus(LegacyStatus status, String statusText) {
    IcqStatusCodes.toWire(status); // refuses OFFLINE on the caller's thread
    loop.execute(() -> {
      if (!closed && !signingOff) {
        statusMessages.setStatus(status, statusText);
      }
    });
  }

  /**
   * Family 0x15 (the ICQ directory) between ICQ numbers; the AIM profile (location family) when either side is
   * a screen name, as the ICQ directory knows only numbers.
   */
  @Override
  public CompletableFuture<LegacyUserInfo> fetchUserInfo(LegacyContactId user) {
    Objects.requireNonNull(user, "user");
    if (location.available() && (!IcqNetwork.isUin(user.value()) || !IcqNetwork.isUin(account.value()))) {
      return onLoop(() -> location.userInfo(user, contactList.contact(user)));
    }
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

  @Override
  public CompletableFuture<Optional<String>> fetchStatusMessage(LegacyContactId contact) {
    return statusMessages.fetch(Objects.requireNonNull(contact, "contact"));
  }

  @Override
  public CompletableFuture<ContactAddResult> addContact(LegacyContact contact, String requestText) {
    Objects.requireNonNull(contact, "contact");
    return onLoop(() -> contactList.add(contact, requestText));
  }

  @Override
  public CompletableFuture<Void> updateContact(LegacyContact contact) {
    Objects.requireNonNull(contact, "contact");
    return onLoop(() -> contactList.update(contact));
  }

  @Override
  public CompletableFuture<Void> removeContact(LegacyContactId contact) {
    Objects.requireNonNull(contact, "contact");
    return onLoop(() -> contactList.remove(contact));
  }

  /** SSI deny item (13/08, type 0x0003) and privacy mode 4; the contact is shown offline from then on. */
  @Override
  public CompletableFuture<Void> blockContact(LegacyContactId contact) {
    Objects.requireNonNull(contact, "contact");
    return onLoop(() -> contactList.block(contact).thenRun(
        () -> notify(() -> unfiltered.contactPresenceChanged(contact, LegacyPresence.offline()))));
  }

  /** Deletes the deny item (13/0A); the contact's presence is shown again. */
  @Override
  public CompletableFuture<Void> unblockContact(LegacyContactId contact) {
    Objects.requireNonNull(contact, "contact");
    return onLoop(() -> contactList.unblock(contact).thenRun(() -> {
      LegacyPresence now = presences.presence(contact);
      if (now.status().isAvailable()) {
        notify(() -> unfiltered.contactPresenceChanged(contact, now));
      }
    }));
  }

  /** Whether the contact is on the deny list; on the loop. */
  private boolean isBlocked(LegacyContactId contact) {
    return contactList.isBlocked(contact);
  }

  @Override
  public CompletableFuture<Set<LegacyContactId>> blockedContacts() {
    return onLoop(() -> CompletableFuture.completedFuture(contactList.blocked()));
  }

  @Override
  public CompletableFuture<net.icqtransport.core.legacy.LegacyRoom> joinRoom(
      net.icqtransport.core.legacy.LegacyRoomId room, net.icqtransport.core.legacy.LegacyRoomListener listener) {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(listener, "listener");
    return onLoop(() -> chatRooms.join(room, listener));
  }

  @Override
  public CompletableFuture<Void> inviteToRoom(net.icqtransport.core.legacy.LegacyRoomId room, LegacyContactId contact,
      String text) {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(contact, "contact");
    return onLoop(() -> chatRooms.invite(room, contact, text));
  }

  @Override
  public CompletableFuture<Void> requestAuthorization(LegacyContactId contact, String text) {
    return authorization.request(contact, text);
  }

  @Override
  public CompletableFuture<Void> answerAuthorization(LegacyContactId contact, boolean granted, String reason) {
    return authorization.answer(contact, granted, reason);
  }

  @Override
  public void sendTyping(LegacyContactId to, TypingState state) {
    Objects.requireNonNull(to, "to");
    int type = IcqTyping.toWire(Objects.requireNonNull(state, "state"));
    loop.execute(() -> {
      if (!closed && !signingOff) {
        connection.send(id -> new IcbmTyping(1, to.value(), type).toSnac(id));
      }
    });
  }

  @Override
  public CompletableFuture<Void> sendFile(LegacyContactId to, String fileName, byte[] content) {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(fileName, "fileName");
    return fileTransfers.send(to, fileName, content.clone());
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

  /**
   * Sends the sign-off frame (FLAP channel 4) and reads on until the server closes the connection, at most
   * {@value #SIGN_OFF_READ_MILLIS} ms: a message the server wrote to the session in that instant counts as
   * delivered at the server, so it is handed to the listener (before {@link LegacyListener#sessionClosed})
   * instead of being left unread in the socket. No new work is taken meanwhile.
   */
  @Override
  public void close() {
    loop.execute(() -> {
      if (closed || signingOff) {
        return;
      }
      if (!connection.isOpen()) {
        end(DisconnectReason.CLOSED_BY_CLIENT, "signed off");
        return;
      }
      signingOff = true;
      directory.close(); // requests of the user's end now, as they did at once before the read-on
      avatars.close();
      chatRooms.close("signed off");
      location.close();
      connection.send(FlapFrame.of(net.icqtransport.oscar.flap.FlapChannel.SIGNOFF, new byte[0]));
      signOffReadEnd = loop.schedule(() -> end(DisconnectReason.CLOSED_BY_CLIENT, "signed off"),
          SIGN_OFF_READ_MILLIS, TimeUnit.MILLISECONDS);
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
    if (signingOff) {
      end(DisconnectReason.CLOSED_BY_CLIENT, "signed off"); // the server closed after our sign-off, as expected
    } else if (end == FlapConnection.End.PROTOCOL_ERROR) {
      end(DisconnectReason.PROTOCOL_ERROR, cause == null ? "protocol error" : cause.getMessage());
    } else {
      end(DisconnectReason.CONNECTION_LOST,
          "connection to " + c.peer() + " lost" + (cause == null ? "" : ": " + cause.getMessage()));
    }
  }

  /** A SNAC that does not parse is skipped (and logged): one bad message must not end the session. */
  private void snacReceived(Snac snac) {
    try {
      dispatch(snac);
    } catch (OscarProtocolException e) {
      LOG.warn("{}: skipping unreadable {}: {}", account, snac, e.getMessage());
    }
  }

  private void dispatch(Snac snac) {
    if (directory.accept(snac) || avatars.accept(snac) || chatRooms.accept(snac) || location.accept(snac)) {
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
          LegacyContactId contact = contactId(info.screenName());
          var presence = presences.online(contact, info);
          notify(() -> listener.contactPresenceChanged(contact, presence));
        }
      }
      case BUDDY_OFFLINE -> {
        for (UserInfo info : UserInfo.readAll(snac)) {
          LegacyContactId contact = contactId(info.screenName());
          var presence = presences.offline(contact);
          notify(() -> listener.contactPresenceChanged(contact, presence));
        }
      }
      case SERVICE_SELF_INFO -> ownScreenName(UserInfo.read(snac.dataBuffer()).screenName());
      case ICBM_RECEIVE -> {
        IcbmReceived icbm = IcbmReceived.decode(snac);
        switch (icbm.channel()) {
          case 2 -> {
            if (!fileTransfers.accept(icbm) && !chatRooms.acceptInvitation(icbm)) {
              incoming.channel2(icbm);
            }
          }
          case 4 -> incoming.channel4(icbm);
          default -> messageReceived(icbm);
        }
      }
      case ICBM_CLIENT_ACK -> {
        if (!statusMessages.ackReceived(IcbmClientAck.decode(snac))) {
          LOG.debug("{}: client ack for nothing we asked", account);
        }
      }
      case ICBM_TYPING -> {
        IcbmTyping typing = IcbmTyping.decode(snac);
        TypingState state = IcqTyping.fromWire(typing.type());
        notify(() -> listener.typingChanged(contactId(typing.screenName()), state));
      }
      case ICBM_SERVER_ACK -> {
        PendingMessage message = pending.get(IcbmServerAck.decode(snac).requestId());
        if (message != null && --message.unacknowledged == 0) {
          settle(message, null);
        }
      }
      case ICBM_OFFLINE_RETRIEVE_END -> aimOfflineMessages.ended();
      case ICBM_ERROR -> {
        SnacError error = SnacError.decode(snac);
        PendingMessage message = pending.get(error.requestId());
        if (message != null) {
          settle(message, OscarErrorCodes.messageRejected(error.code()));
        } else if (!statusMessages.icbmError(error) && !aimOfflineMessages.error(error)) {
          LOG.debug("{}: ICBM error 0x{} for no pending message", account, Integer.toHexString(error.code()));
        }
      }
      case SSI_LIST -> {
        // Servers resend the whole list after edits elsewhere; only a complete single-part list is taken.
        SsiList list = SsiList.decode(snac);
        if (!list.moreFollow()) {
          contactList.replace(list.items());
        }
      }
      case SSI_ADD, SSI_UPDATE, SSI_DELETE -> contactList.serverEdit(SsiEdit.decode(snac));
      case SSI_EDIT_RESULT -> contactList.editResult(SsiEditResult.decode(snac));
      case SSI_ERROR -> contactList.error(SnacError.decode(snac));
      case SSI_AUTH_REQUEST_RECEIVED -> {
        SsiAuthRequest request = SsiAuthRequest.decode(snac, settings.legacyCodepage());
        authorization.requested(contactId(request.screenName()), request.reason());
      }
      case SSI_AUTH_REPLY_RECEIVED -> {
        SsiAuthReply reply = SsiAuthReply.decode(snac, settings.legacyCodepage());
        authorization.answered(contactId(reply.screenName()), reply.granted(), reply.reason());
      }
      case SSI_YOU_WERE_ADDED -> authorization.addedBy(contactId(SsiYouWereAdded.decode(snac).screenName()));
      case ICQ_EXT_REPLY -> {
        if (!offlineMessages.reply(snac)) {
          LOG.debug("{}: not acting on an ICQ extension reply", account);
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
    String sender = icbm.sender().screenName();
    String wireText = text.get().decode(settings.legacyCodepage());
    // HTML when AIM is involved; between ICQ numbers plain text, which must not lose a "<" or "&" it holds.
    String decoded = htmlBodies(sender) ? AimHtml.toPlainText(wireText) : wireText;
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
    // Stored while we were offline and sent in answer to our 04/10: an offline message, whatever its age.
    if (icbm.sendTime().isPresent()
        && aimOfflineMessages.collect(from, decoded, Instant.ofEpochSecond(icbm.sendTime().getAsLong()))) {
      return;
    }
    notify(() -> listener.messageReceived(from, decoded, delay));
  }

  private void signOffReceived(byte[] payload) {
    if (signingOff) {
      connection.close();
      end(DisconnectReason.CLOSED_BY_CLIENT, "signed off");
      return;
    }
    ServerSignOff signOff = ServerSignOff.parse(payload);
    connection.close();
    end(signOff.reason(), signOff.detail());
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
    aimOfflineMessages.ending(); // the server deleted what it sent: hand it on while the listener still hears
    closed = true;
    if (signOffReadEnd != null) {
      signOffReadEnd.cancel(false);
    }
    connection.close();
    directory.close();
    avatars.close();
    location.close();
    for (PendingMessage message : List.copyOf(new java.util.LinkedHashSet<>(pending.values()))) {
      settle(message, notConnected());
    }
    contactList.closed();
    statusMessages.closed();
    fileTransfers.closed();
    chatRooms.close("the ICQ session ended: " + detail);
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

  /**
   * UINs as they are; other screen names (AIM contacts) normalized as AIM compares them.
   *
   * @throws OscarProtocolException for a screen name that is empty (or only spaces): a server SNAC naming
   *     nobody is skipped like any other unreadable SNAC, it must not end the session
   */
  static LegacyContactId contactId(String screenName) {
    if (IcqNetwork.isUin(screenName)) {
      return new LegacyContactId(screenName);
    }
    String normalized = AimScreenNames.normalize(screenName);
    if (normalized.isEmpty()) {
      throw new OscarProtocolException("empty screen name");
    }
    return new LegacyContactId(normalized);
  }

  @Override
  public String toString() {
    return "IcqSession[" + account + "]";
  }

  /** What the feature handlers see of this session. */
  private final class Context implements IcqSessionContext {
    @Override
    public LegacyContactId account() {
      return account;
    }

    @Override
    public IcqNetworkSettings settings() {
      return settings;
    }

    @Override
    public EventLoop loop() {
      return loop;
    }

    @Override
    public boolean isClosed() {
      return closed || signingOff;
    }

    @Override
    public long send(LongFunction<Snac> snac) {
      return closed || signingOff ? 0 : connection.send(snac);
    }

    @Override
    public void notify(Consumer<LegacyListener> call) {
      IcqSession.this.notify(() -> call.accept(listener));
    }
  }
}
