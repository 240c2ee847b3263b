package net.icqtransport.core.bridge;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyRoom;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.core.legacy.LegacyRoomListener;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.core.user.UserEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat rooms of one user's bridge (issue #18): the rooms the user is in now, and the rooms the user wants to
 * be in, which are joined again after a reconnect. Confined to the bridge's sequence: room events, which the
 * network reports from its own threads, come back through {@code onSequence} and count only while the session
 * they belong to is the current one ({@code generation}).
 */
final class BridgeRooms {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeRooms.class);

  private final UserAddress user;
  private final UserEndpoint endpoint;
  private final Consumer<Runnable> onSequence;
  private final IntSupplier generation;
  private final Map<LegacyRoomId, LegacyRoom> joined = new LinkedHashMap<>();
  /** Rooms the user asked to be in and did not leave: joined again after a reconnect. */
  private final Set<LegacyRoomId> wanted = new LinkedHashSet<>();

  BridgeRooms(UserAddress user, UserEndpoint endpoint, Consumer<Runnable> onSequence, IntSupplier generation) {
    this.user = Objects.requireNonNull(user, "user");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.onSequence = Objects.requireNonNull(onSequence, "onSequence");
    this.generation = Objects.requireNonNull(generation, "generation");
  }

  /** Joins (or is already in) the room on the current session; completes when the network let the user in. */
  CompletableFuture<Void> join(LegacySession session, LegacyRoomId room) {
    if (joined.containsKey(room)) {
      return CompletableFuture.completedFuture(null);
    }
    wanted.add(room);
    int attempt = generation.getAsInt();
    CompletableFuture<Void> result = new CompletableFuture<>();
    CompletableFuture<LegacyRoom> joining;
    try {
      joining = session.joinRoom(room, new Listener(room, attempt));
    } catch (RuntimeException e) {
      joining = CompletableFuture.failedFuture(e);
    }
    joining.whenComplete((opened, failure) -> onSequence.accept(() -> {
      if (failure != null) {
        wanted.remove(room);
        result.completeExceptionally(Failures.unwrap(failure));
      } else if (attempt != generation.getAsInt() || !wanted.contains(room)) {
        opened.leave(); // the session ended or the user left meanwhile
        result.completeExceptionally(new NotLoggedInException("You left the room, or ICQ disconnected, while joining"));
      } else {
        joined.put(room, opened);
        result.complete(null);
      }
    }));
    return result;
  }

  /** Sends to a room the user is in. */
  CompletableFuture<Void> send(LegacyRoomId room, String text) {
    LegacyRoom current = joined.get(room);
    if (current == null) {
      return CompletableFuture.failedFuture(new NotLoggedInException("You are not in the ICQ chat room " + room.name()));
    }
    return current.sendMessage(text);
  }

  /** The user left the room: leave it and do not join it again. */
  void leave(LegacyRoomId room) {
    wanted.remove(room);
    LegacyRoom current = joined.remove(room);
    if (current != null) {
      current.leave();
    }
  }

  /** Whether the user is in the room now. */
  boolean isIn(LegacyRoomId room) {
    return joined.containsKey(room);
  }

  /** The session ended and the bridge reconnects: every room is left for now and joined again later. */
  void sessionLost(String reason) {
    for (LegacyRoomId room : List.copyOf(joined.keySet())) {
      endpoint.roomLeft(user, room, reason, true);
    }
    joined.clear();
  }

  /** The session is back: joins the rooms the user still wants to be in. */
  void rejoin(LegacySession session) {
    for (LegacyRoomId room : List.copyOf(wanted)) {
      join(session, room).whenComplete((ok, failure) -> {
        if (failure != null) {
          LOG.info("Could not join the ICQ chat room {} again for {}: {}", room.name(), user, failure.toString());
          onSequence.accept(() -> endpoint.roomLeft(user, room, "could not join again: " + failure.getMessage(), false));
        }
      });
    }
  }

  /** The user signed off (or unregistered): every room is left for good. */
  void signedOff(String reason) {
    for (LegacyRoomId room : List.copyOf(wanted)) {
      LegacyRoom current = joined.remove(room);
      if (current != null) {
        current.leave();
      }
      endpoint.roomLeft(user, room, reason, false);
    }
    wanted.clear();
    joined.clear();
  }

  /** One room's events, counted only while their session is the current one. */
  private final class Listener implements LegacyRoomListener {
    private final LegacyRoomId room;
    private final int attempt;

    Listener(LegacyRoomId room, int attempt) {
      this.room = room;
      this.attempt = attempt;
    }

    private void current(Runnable event) {
      onSequence.accept(() -> {
        if (attempt == generation.getAsInt() && wanted.contains(room)) {
          event.run();
        }
      });
    }

    @Override
    public void occupantsPresent(List<LegacyContactId> occupants) {
      List<LegacyContactId> copy = List.copyOf(occupants);
      current(() -> endpoint.roomJoined(user, room, copy));
    }

    @Override
    public void occupantJoined(LegacyContactId occupant) {
      current(() -> endpoint.roomOccupantJoined(user, room, occupant));
    }

    @Override
    public void occupantLeft(LegacyContactId occupant) {
      current(() -> endpoint.roomOccupantLeft(user, room, occupant));
    }

    @Override
    public void messageReceived(LegacyContactId from, String text) {
      current(() -> endpoint.roomMessage(user, room, from, text));
    }

    /** The server closed this room while the session goes on (a leave of ours was handled already): left for good. */
    @Override
    public void roomClosed(String reason) {
      current(() -> {
        if (joined.remove(room) != null) {
          wanted.remove(room);
          endpoint.roomLeft(user, room, reason, false);
        }
      });
    }
  }
}
