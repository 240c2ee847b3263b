package net.icqtransport.oscar.icq;

import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyRoom;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.core.legacy.LegacyRoomListener;
import net.icqtransport.core.legacy.MessageRejectedException;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.client.OscarErrorCodes;
import net.icqtransport.oscar.client.ServiceConnection;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacError;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.buddy.UserInfo;
import net.icqtransport.oscar.snac.chat.ChatInvitation;
import net.icqtransport.oscar.snac.chat.ChatMessageReceived;
import net.icqtransport.oscar.snac.chat.ChatMessageSend;
import net.icqtransport.oscar.snac.chat.ChatMessageText;
import net.icqtransport.oscar.snac.chat.ChatNavCreateRoom;
import net.icqtransport.oscar.snac.chat.ChatNavInfo;
import net.icqtransport.oscar.snac.chat.ChatRoomInfo;
import net.icqtransport.oscar.snac.chat.ChatRoomRef;
import net.icqtransport.oscar.snac.chat.ChatServiceRequest;
import net.icqtransport.oscar.snac.chat.ChatUsers;
import net.icqtransport.oscar.snac.icbm.IcbmChannel2Send;
import net.icqtransport.oscar.snac.icbm.IcbmReceived;
import net.icqtransport.oscar.snac.icbm.IcbmRendezvous;
import net.icqtransport.oscar.snac.icbm.IcbmTextSplitter;
import net.icqtransport.oscar.snac.service.ServiceRedirect;
import net.icqtransport.oscar.snac.service.ServiceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat rooms of one session (issue #18; iserverd {@code snac_0d_*}, {@code snac_0e_*}, {@code service_request};
 * OSCAR-SERVERS.md "Chat rooms"). Joining a room:
 * <ol>
 *   <li>chat navigation, family 0x000D: on BOS when its 01/03 lists the family, else on a service connection asked
 *       for with 01/04 → 01/05 on the first join and kept for the session (as {@link IcqAvatars} keeps BART's);
 *   <li>0D/08 "create" with the room's exchange and name, which creates the room or finds the one of that name →
 *       0D/09 with the room's {@link ChatRoomRef} (exchange, cookie, instance);
 *   <li>01/04 for family 0x000E with that reference (TLV 0x0001) → 01/05 → a {@link ServiceConnection} of its
 *       own, which signs on (cookie, 01/17, 01/06, 01/08, 01/02) and paces what it sends by the rate classes that
 *       chat server announces;
 *   <li>the first 0E/03 after that lists who is in the room: {@link LegacyRoomListener#occupantsPresent} (the user
 *       included, added if the server left it out), then the join completes.
 * </ol>
 * In the room: 0E/03 and 0E/04 → occupants joined and left, 0E/06 → messages (HTML as AIM clients write it,
 * decoded by its charset and made plain text with {@link AimHtml}). Messages go out as 0E/05 with the reflection
 * flag, so the user's own messages come back like everyone else's. Leaving closes the room's connection; the
 * session's end closes every room. Invitations are channel-2 rendezvous ICBMs with the chat capability, both ways.
 *
 * <p>Occupants and senders are named as contacts are everywhere: a UIN as it is, a screen name normalized
 * ({@link IcqSession#contactId}). Everything runs on the session's event loop; room listener calls come in the
 * network's order and never after {@link LegacyRoomListener#roomClosed}.
 */
final class IcqChatRooms implements ServiceConnection.Handler {
  private static final Logger LOG = LoggerFactory.getLogger(IcqChatRooms.class);
  static final int CHAT_NAV = 0x0D;
  static final int CHAT = 0x0E;
  /** The longest message when the room does not say (0x00D1 of its description); AIM's rooms took 1024. */
  static final int DEFAULT_MAX_MESSAGE_BYTES = 1024;

  private enum NavState { IDLE, REQUESTED, CONNECTING, READY, UNSUPPORTED, CLOSED }

  private final IcqSessionContext session;
  private final boolean bosServesChatNav;
  private NavState navState;
  private long navRequestId = -1;
  private ServiceConnection nav;
  private String unsupportedWhy;
  /** Rooms waiting for the chat navigation service before their 0D/08. */
  private final List<Room> waitingForNav = new ArrayList<>();
  /** Rooms whose 0D/08 is out, by its request id (on BOS or on the navigation connection). */
  private final Map<Long, Room> navigating = new HashMap<>();
  /** Rooms whose 01/04 for family 0x000E is out, by its request id on BOS. */
  private final Map<Long, Room> redirecting = new HashMap<>();
  /** Every room joined or being joined, by the id the bridge asked for. */
  private final Map<LegacyRoomId, Room> rooms = new HashMap<>();
  /** Invitations sent, by the request id of their 04/06, until 04/0C or 04/01. */
  private final Map<Long, PendingInvitation> invitations = new HashMap<>();
  private boolean closed;

  private record PendingInvitation(CompletableFuture<Void> future, ScheduledFuture<?> timeout) {}

  IcqChatRooms(IcqSessionContext session, boolean bosServesChatNav) {
    this.session = session;
    this.bosServesChatNav = bosServesChatNav;
    this.navState = bosServesChatNav ? NavState.READY : NavState.IDLE;
  }

  // ---- from the bridge

  /** Joins (creating if need be) a room; call on the event loop. */
  CompletableFuture<LegacyRoom> join(LegacyRoomId id, LegacyRoomListener listener) {
    if (closed || session.isClosed()) {
      return CompletableFuture.failedFuture(new IllegalStateException("not connected to ICQ"));
    }
    if (navState == NavState.UNSUPPORTED) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException(unsupportedWhy));
    }
    if (rooms.containsKey(id)) {
      return CompletableFuture.failedFuture(new IllegalStateException("already in or joining the room " + id.name()));
    }
    Room room = new Room(id, listener);
    rooms.put(id, room);
    long millis = session.settings().requestTimeout().plus(session.settings().loginTimeout()).toMillis();
    room.timeout = session.loop().schedule(() -> room.fail(new TimeoutException("the ICQ server did not let us into "
        + "the room " + id.name() + " within " + millis / 1000 + " s")), millis, TimeUnit.MILLISECONDS);
    switch (navState) {
      case READY -> create(room);
      case IDLE -> {
        waitingForNav.add(room);
        navState = NavState.REQUESTED;
        navRequestId = session.send(new ServiceRequest(CHAT_NAV)::toSnac);
        LOG.debug("{}: asking for the chat navigation service", session.account());
      }
      default -> waitingForNav.add(room);
    }
    return room.joined;
  }

  /**
   * Sends a chat invitation for a room the user is in (04/06 channel 2, the rendezvous with the room's reference);
   * completes on the server's 04/0C, fails on its 04/01 as a message would. Call on the event loop.
   */
  CompletableFuture<Void> invite(LegacyRoomId id, LegacyContactId contact, String text) {
    Room room = rooms.get(id);
    if (closed || session.isClosed()) {
      return CompletableFuture.failedFuture(notConnected());
    }
    if (room == null || room.state != Room.State.IN) {
      return CompletableFuture.failedFuture(new IllegalStateException("not in the room " + id.name()));
    }
    long cookie = ThreadLocalRandom.current().nextLong();
    IcbmRendezvous proposal = new ChatInvitation(room.ref, ChatMessageText.of(AimHtml.escape(text == null ? "" : text)))
        .toRendezvous(cookie);
    long requestId = session.send(new IcbmChannel2Send(cookie, contact.value(), proposal, true)::toSnac);
    CompletableFuture<Void> future = new CompletableFuture<>();
    ScheduledFuture<?> timeout = session.loop().schedule(() -> {
      if (invitations.remove(requestId) != null) {
        future.completeExceptionally(new MessageRejectedException(MessageRejectedException.Reason.OTHER,
            "the server did not confirm the invitation in time"));
      }
    }, session.settings().messageAckTimeout().toMillis(), TimeUnit.MILLISECONDS);
    invitations.put(requestId, new PendingInvitation(future, timeout));
    return future;
  }

  // ---- from BOS

  /**
   * Takes what belongs to chat rooms from the BOS connection: answers to this side's 01/04 (01/05, 01/01), to its
   * invitations (04/0C, 04/01) and, when BOS serves chat navigation, family 0x000D. False for anything else.
   */
  boolean accept(Snac snac) {
    long id = snac.requestId();
    if (snac.is(SnacType.SERVICE_REDIRECT) || snac.is(SnacType.SERVICE_ERROR)) {
      if (navState == NavState.REQUESTED && id == navRequestId) {
        navAnswered(snac);
        return true;
      }
      Room room = redirecting.remove(id);
      if (room != null) {
        room.redirectAnswered(snac);
        return true;
      }
      return false;
    }
    if (snac.is(SnacType.ICBM_SERVER_ACK) || snac.is(SnacType.ICBM_ERROR)) {
      PendingInvitation invitation = invitations.remove(id);
      if (invitation == null) {
        return false;
      }
      invitation.timeout().cancel(false);
      if (snac.is(SnacType.ICBM_SERVER_ACK)) {
        invitation.future().complete(null);
      } else {
        invitation.future().completeExceptionally(OscarErrorCodes.messageRejected(SnacError.decode(snac).code()));
      }
      return true;
    }
    if (bosServesChatNav && snac.family() == CHAT_NAV) {
      navSnac(snac);
      return true;
    }
    return false;
  }

  /**
   * A channel-2 ICBM: whether it is a chat rendezvous (and so handled here). A proposal naming a room goes to the
   * listener as {@code roomInvitation}, the room named by its exchange and the name inside its cookie.
   */
  boolean acceptInvitation(IcbmReceived icbm) {
    Optional<IcbmRendezvous> rendezvous = icbm.rendezvous();
    if (rendezvous.isEmpty() || !ChatInvitation.isChat(rendezvous.get())) {
      return false;
    }
    Optional<ChatInvitation> invitation = ChatInvitation.from(rendezvous.get());
    if (invitation.isEmpty()) {
      LOG.debug("{}: chat rendezvous of type {} without a room", session.account(), rendezvous.get().type());
      return true;
    }
    ChatRoomRef ref = invitation.get().room();
    String name = ref.nameFromCookie();
    if (name.isBlank()) {
      LOG.debug("{}: chat invitation to a room without a name", session.account());
      return true;
    }
    LegacyRoomId room = new LegacyRoomId(ref.exchange(), name);
    LegacyContactId from = IcqSession.contactId(icbm.sender().screenName());
    String text = AimHtml.toPlainText(invitation.get().decodeText(session.settings().legacyCodepage()));
    session.notify(listener -> listener.roomInvitation(from, room, text));
    return true;
  }

  /**
   * The session ended or is signing off: every room closes without a {@code roomClosed} (the session's own end
   * covers them, so a bridge can tell a room lost with its session from a room the server closed), joins and
   * invitations fail.
   */
  void close(String why) {
    if (closed) {
      return;
    }
    closed = true;
    navState = NavState.CLOSED;
    if (nav != null) {
      nav.close();
      nav = null;
    }
    for (Room room : List.copyOf(rooms.values())) {
      room.end(why, new IllegalStateException("not connected to ICQ"), false);
    }
    for (PendingInvitation invitation : List.copyOf(invitations.values())) {
      invitation.timeout().cancel(false);
      invitation.future().completeExceptionally(notConnected());
    }
    invitations.clear();
  }

  /** For tests: the rooms joined or being joined. */
  int roomCount() {
    return rooms.size();
  }

  // ---- chat navigation

  private void navAnswered(Snac snac) {
    if (snac.is(SnacType.SERVICE_ERROR)) {
      unsupported(String.format("the ICQ server offers no chat rooms: error 0x%04X to the chat navigation request",
          SnacError.decode(snac).code()));
      return;
    }
    ServiceRedirect redirect;
    try {
      redirect = ServiceRedirect.decode(snac);
    } catch (OscarProtocolException e) {
      navReset("unusable service redirect for chat navigation: " + e.getMessage());
      return;
    }
    if (redirect.family() != CHAT_NAV) {
      navReset(String.format("the server redirected to family 0x%04X instead of chat navigation", redirect.family()));
      return;
    }
    navState = NavState.CONNECTING;
    LOG.debug("{}: chat navigation at {}:{}", session.account(), redirect.host(), redirect.port());
    nav = ServiceConnection.open(session.loop(), session.settings().clientConfig(), redirect, Map.of(CHAT_NAV, 1),
        this);
  }

  @Override
  public void ready(ServiceConnection connection) {
    if (connection != nav) {
      return;
    }
    navState = NavState.READY;
    List<Room> waiting = List.copyOf(waitingForNav);
    waitingForNav.clear();
    waiting.forEach(this::create);
  }

  @Override
  public void snacReceived(ServiceConnection connection, Snac snac) {
    if (connection == nav) {
      navSnac(snac);
    }
  }

  @Override
  public void ended(ServiceConnection connection, String why) {
    if (connection == nav) {
      nav = null;
      navReset(why);
    }
  }

  private void create(Room room) {
    if (room.state != Room.State.NAVIGATING) {
      return;
    }
    LongFunction<Snac> create = new ChatNavCreateRoom(room.id.exchange(), room.id.name())::toSnac;
    long requestId = bosServesChatNav ? session.send(create) : nav.send(create);
    navigating.put(requestId, room);
  }

  /** 0D/09 or 0D/01 for a 0D/08 of ours; other family-0x0D SNACs are not asked for. */
  private void navSnac(Snac snac) {
    Room room = navigating.get(snac.requestId());
    if (room == null || !(snac.is(SnacType.CHATNAV_INFO) || SnacType.isError(snac))) {
      LOG.debug("{}: not acting on {}", session.account(), snac);
      return;
    }
    navigating.remove(snac.requestId());
    try {
      if (SnacType.isError(snac)) {
        room.fail(navError(room.id, SnacError.decode(snac).code()));
      } else {
        room.navigated(ChatNavInfo.decode(snac));
      }
    } catch (OscarProtocolException e) {
      room.fail(new IllegalStateException("unreadable answer of the chat navigation service: " + e.getMessage()));
    }
  }

  /** 0x0014 "no match" (exchange 5 knows no room of that name) and a refused exchange: nothing to join. */
  private static RuntimeException navError(LegacyRoomId id, int code) {
    String text = String.format("the ICQ server has no room %s in exchange %d and makes none (error 0x%04X)",
        id.name(), id.exchange(), code);
    return switch (code) {
      case 0x06, 0x08, 0x14 -> new NoSuchElementException(text);
      default -> new IllegalStateException(String.format("the ICQ server refused the room %s (error 0x%04X)",
          id.name(), code));
    };
  }

  /** The navigation service failed or ended: what waits on it fails; the next join asks again. */
  private void navReset(String why) {
    if (navState == NavState.CLOSED || navState == NavState.UNSUPPORTED) {
      return;
    }
    navState = bosServesChatNav ? NavState.READY : NavState.IDLE;
    failNavigating(new IllegalStateException(why));
  }

  private void unsupported(String why) {
    navState = NavState.UNSUPPORTED;
    unsupportedWhy = why;
    failNavigating(new UnsupportedOperationException(why));
  }

  private void failNavigating(RuntimeException cause) {
    List<Room> failed = new ArrayList<>(waitingForNav);
    failed.addAll(navigating.values());
    waitingForNav.clear();
    navigating.clear();
    failed.forEach(room -> room.fail(cause));
  }

  private static MessageRejectedException notConnected() {
    return new MessageRejectedException(MessageRejectedException.Reason.NOT_CONNECTED, "not connected to ICQ");
  }

  /** One room: joined or being joined, on its own chat connection once the server redirected there. */
  private final class Room implements LegacyRoom, ServiceConnection.Handler {
    enum State { NAVIGATING, REDIRECTING, CONNECTING, JOINING, IN, CLOSED }

    final LegacyRoomId id;
    final LegacyRoomListener listener;
    final CompletableFuture<LegacyRoom> joined = new CompletableFuture<>();
    /** In join order, the user included. */
    final Set<LegacyContactId> occupants = new LinkedHashSet<>();
    State state = State.NAVIGATING;
    ChatRoomRef ref;
    ServiceConnection connection;
    int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    ScheduledFuture<?> timeout;

    Room(LegacyRoomId id, LegacyRoomListener listener) {
      this.id = id;
      this.listener = listener;
    }

    @Override
    public LegacyRoomId id() {
      return id;
    }

    /**
     * 0E/05 with the reflection flag, split at the room's longest message (0x00D1) and HTML-escaped as AIM clients
     * read chat text; completes once handed to the chat connection (chat has no acknowledgement; the server's
     * reflection comes back as a message from the user).
     */
    @Override
    public CompletableFuture<Void> sendMessage(String text) {
      java.util.Objects.requireNonNull(text, "text");
      CompletableFuture<Void> result = new CompletableFuture<>();
      session.loop().execute(() -> {
        if (state != State.IN || connection == null) {
          result.completeExceptionally(new IllegalStateException("not in the room " + id.name()));
          return;
        }
        for (String part : parts(text, maxMessageBytes)) {
          ChatMessageSend message = new ChatMessageSend(ThreadLocalRandom.current().nextLong(),
              ChatMessageText.of(part), true);
          connection.send(message::toSnac);
        }
        result.complete(null);
      });
      return result;
    }

    @Override
    public void leave() {
      session.loop().execute(() -> end("left the room", new IllegalStateException("left the room before joining")));
    }

    void navigated(ChatNavInfo info) {
      if (state != State.NAVIGATING) {
        return;
      }
      if (info.rooms().isEmpty()) {
        fail(new NoSuchElementException("the ICQ server gave no room " + id.name()));
        return;
      }
      ChatRoomInfo room = info.rooms().get(0);
      ref = room.room();
      room.maxMessageLength().ifPresent(this::maxMessageLength);
      state = State.REDIRECTING;
      long requestId = session.send(new ChatServiceRequest(ref)::toSnac);
      redirecting.put(requestId, this);
    }

    void redirectAnswered(Snac snac) {
      if (state != State.REDIRECTING) {
        return;
      }
      if (snac.is(SnacType.SERVICE_ERROR)) {
        fail(new IllegalStateException(String.format("the ICQ server refused the connection to the room %s "
            + "(error 0x%04X)", id.name(), SnacError.decode(snac).code())));
        return;
      }
      ServiceRedirect redirect;
      try {
        redirect = ServiceRedirect.decode(snac);
      } catch (OscarProtocolException e) {
        fail(new IllegalStateException("unusable service redirect for a room: " + e.getMessage()));
        return;
      }
      if (redirect.family() != CHAT) {
        fail(new IllegalStateException(String.format("the server redirected to family 0x%04X instead of chat",
            redirect.family())));
        return;
      }
      state = State.CONNECTING;
      LOG.debug("{}: room {} at {}:{}", session.account(), id.name(), redirect.host(), redirect.port());
      connection = ServiceConnection.open(session.loop(), session.settings().clientConfig(), redirect,
          Map.of(CHAT, 1), this);
    }

    @Override
    public void ready(ServiceConnection c) {
      if (c == connection && state == State.CONNECTING) {
        state = State.JOINING;
      }
    }

    @Override
    public void snacReceived(ServiceConnection c, Snac snac) {
      if (c != connection) {
        return;
      }
      try {
        roomSnac(snac);
      } catch (OscarProtocolException e) {
        LOG.warn("{}: skipping unreadable {} in room {}: {}", session.account(), snac, id.name(), e.getMessage());
      }
    }

    @Override
    public void ended(ServiceConnection c, String why) {
      if (c == connection) {
        connection = null;
        end(why, new IllegalStateException(why));
      }
    }

    private void roomSnac(Snac snac) {
      Optional<SnacType> type = SnacType.of(snac);
      if (type.isEmpty()) {
        LOG.debug("{}: ignoring unknown {} in a room", session.account(), snac);
        return;
      }
      switch (type.get()) {
        case CHAT_USERS_JOINED -> usersJoined(ids(ChatUsers.decode(snac)));
        case CHAT_USERS_LEFT -> {
          if (state == State.IN) {
            for (LegacyContactId occupant : ids(ChatUsers.decode(snac))) {
              if (!occupant.equals(session.account()) && occupants.remove(occupant)) {
                call(() -> listener.occupantLeft(occupant));
              }
            }
          }
        }
        case CHAT_MESSAGE_RECEIVE -> message(ChatMessageReceived.decode(snac));
        case CHAT_ROOM_INFO_UPDATE -> ChatRoomInfo.decodeUpdate(snac).maxMessageLength()
            .ifPresent(this::maxMessageLength);
        case CHAT_ERROR -> LOG.debug("{}: chat error 0x{} in room {}", session.account(),
            Integer.toHexString(SnacError.decode(snac).code()), id.name());
        default -> LOG.debug("{}: not acting on {} in a room", session.account(), snac);
      }
    }

    /** The first 0E/03 after the join lists who is there; later ones announce newcomers. */
    private void usersJoined(List<LegacyContactId> users) {
      if (state == State.JOINING) {
        occupants.addAll(users);
        occupants.add(session.account());
        state = State.IN;
        timeout.cancel(false);
        List<LegacyContactId> present = List.copyOf(occupants);
        call(() -> listener.occupantsPresent(present));
        joined.complete(this);
      } else if (state == State.IN) {
        for (LegacyContactId occupant : users) {
          if (occupants.add(occupant)) {
            call(() -> listener.occupantJoined(occupant));
          }
        }
      }
    }

    private void message(ChatMessageReceived received) {
      if (state != State.IN) {
        LOG.debug("{}: chat message before the occupant list of room {}", session.account(), id.name());
        return;
      }
      Optional<ChatMessageText> message = received.message();
      if (message.isEmpty()) {
        LOG.debug("{}: chat message without text in room {}", session.account(), id.name());
        return;
      }
      LegacyContactId from = IcqSession.contactId(received.sender().screenName());
      String text = AimHtml.toPlainText(message.get().decode(session.settings().legacyCodepage()));
      call(() -> listener.messageReceived(from, text));
    }

    private void maxMessageLength(int bytes) {
      maxMessageBytes = Math.max(64, Math.min(bytes, 8000));
    }

    void fail(Exception cause) {
      end(cause.getMessage(), cause, true);
    }

    void end(String why, Throwable joinFailure) {
      end(why, joinFailure, true);
    }

    /**
     * Closes the room: a join under way fails with {@code joinFailure}; a joined room reports
     * {@code roomClosed(why)} when {@code report} (not at the session's end). Nothing follows.
     */
    void end(String why, Throwable joinFailure, boolean report) {
      if (state == State.CLOSED) {
        return;
      }
      boolean wasIn = state == State.IN;
      if (wasIn && report) {
        call(() -> listener.roomClosed(why));
      }
      state = State.CLOSED;
      if (timeout != null) {
        timeout.cancel(false);
      }
      rooms.remove(id, this);
      waitingForNav.remove(this);
      navigating.values().remove(this);
      redirecting.values().remove(this);
      if (connection != null) {
        connection.close();
        connection = null;
      }
      if (!wasIn) {
        joined.completeExceptionally(joinFailure);
      }
    }

    /** Listener calls never break the session; none after roomClosed. */
    private void call(Runnable call) {
      if (state == State.CLOSED) {
        return;
      }
      try {
        call.run();
      } catch (RuntimeException e) {
        LOG.warn("{}: room listener failed in room {}", session.account(), id.name(), e);
      }
    }

    @Override
    public String toString() {
      return "IcqChatRoom[" + id.exchange() + "/" + id.name() + ", " + state + "]";
    }
  }

  private static List<LegacyContactId> ids(ChatUsers users) {
    List<LegacyContactId> ids = new ArrayList<>();
    for (UserInfo user : users.users()) {
      ids.add(IcqSession.contactId(user.screenName()));
    }
    return ids;
  }

  /** As IcqSession splits messages to AIM: split, escape each part, split again should escaping overflow it. */
  static List<String> parts(String text, int maxBytes) {
    List<String> escaped = new ArrayList<>();
    for (String part : IcbmTextSplitter.split(text, maxBytes)) {
      String html = AimHtml.escape(part);
      if (ChatMessageText.encodedLength(html) <= maxBytes) {
        escaped.add(html);
      } else {
        IcbmTextSplitter.split(part, Math.max(4, maxBytes / 6)).forEach(p -> escaped.add(AimHtml.escape(p)));
      }
    }
    return escaped;
  }
}
