package net.icqtransport.core.legacy;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One logged-in session on the legacy network, owned by one bridge. Methods never block. Optional features
 * have defaults that fail with {@link UnsupportedOperationException}, which the XMPP side answers with
 * {@code feature-not-implemented}.
 */
public interface LegacySession {

  /** The account this session is logged in as. */
  LegacyContactId account();

  /**
   * The account's name as the network spells it, when that differs from the id and the network said so: an AIM
   * screen name registered as "Joe User" has the id {@code joeuser} (OSCAR's 01/0F own info carries the
   * owner's formatting). Empty when unknown.
   */
  default Optional<String> accountDisplayName() {
    return Optional.empty();
  }

  /**
   * Sends a text message. The future completes when the server acknowledged it (ICQ 04/0C): delivered, or
   * stored for a recipient who is offline (ICBM TLV 0x0006) and delivered when they sign on; or it fails with
   * {@link MessageRejectedException} (refused by the server, e.g. no such account; rate limit) or another cause.
   */
  CompletableFuture<Void> sendMessage(LegacyContactId to, String text);

  /** Sets the user's own status and status (away) message ({@code null} for none). */
  void setStatus(LegacyStatus status, String statusText);

  /** Signs off. {@link LegacyListener#sessionClosed} follows with {@link DisconnectReason#CLOSED_BY_CLIENT}. */
  void close();

  /** Sends a typing notification (ICQ 04/14). */
  default void sendTyping(LegacyContactId to, TypingState state) {}

  /** Fetches a contact's status (away) message; empty when the contact has none. */
  default CompletableFuture<Optional<String>> fetchStatusMessage(LegacyContactId contact) {
    return unsupported("status messages");
  }

  /**
   * Adds a contact to the stored list. When the contact requires authorization, the session adds it as
   * awaiting authorization and sends {@code requestText} as the authorization request.
   */
  default CompletableFuture<ContactAddResult> addContact(LegacyContact contact, String requestText) {
    return unsupported("contact list edits");
  }

  /** Changes a contact's nickname or group in the stored list. */
  default CompletableFuture<Void> updateContact(LegacyContact contact) {
    return unsupported("contact list edits");
  }

  /** Deletes a contact from the stored list. */
  default CompletableFuture<Void> removeContact(LegacyContactId contact) {
    return unsupported("contact list edits");
  }

  /**
   * Blocks a contact on the network (OSCAR: an SSI deny item, type 0x0003, with privacy mode 4 "block the deny
   * list"): the contact can no longer see the user online nor write to them, and the session reports none of
   * the contact's messages, typing or presence any more. Stored on the server, so it outlives the session.
   */
  default CompletableFuture<Void> blockContact(LegacyContactId contact) {
    return unsupported("blocking");
  }

  /** Lifts a block ({@link #blockContact}); completes normally if the contact was not blocked. */
  default CompletableFuture<Void> unblockContact(LegacyContactId contact) {
    return unsupported("blocking");
  }

  /** The contacts the user blocked, as stored on the network. */
  default CompletableFuture<java.util.Set<LegacyContactId>> blockedContacts() {
    return unsupported("blocking");
  }

  /**
   * Joins a chat room, creating it when it does not exist (OSCAR: ChatNav 0D/08 create-or-join in the room's
   * exchange, then the chat service connection the BOS server hands out with 01/04 → 01/05). Completes when the
   * user is in the room; fails with {@link java.util.NoSuchElementException} for a room that cannot be found
   * or made, or {@link IllegalStateException} when the network refuses.
   */
  default CompletableFuture<LegacyRoom> joinRoom(LegacyRoomId room, LegacyRoomListener listener) {
    return unsupported("chat rooms");
  }

  /** Invites a contact to a room the user is in (OSCAR: channel-2 rendezvous ICBM with the chat capability). */
  default CompletableFuture<Void> inviteToRoom(LegacyRoomId room, LegacyContactId contact, String text) {
    return unsupported("chat rooms");
  }

  /** Asks a contact for authorization (ICQ 13/18). */
  default CompletableFuture<Void> requestAuthorization(LegacyContactId contact, String text) {
    return unsupported("authorization");
  }

  /** Grants or denies a contact's authorization request (ICQ 13/1A). */
  default CompletableFuture<Void> answerAuthorization(LegacyContactId contact, boolean granted, String reason) {
    return unsupported("authorization");
  }

  /** Fetches what the directory says of a user (ICQ family 0x15 full info). */
  default CompletableFuture<LegacyUserInfo> fetchUserInfo(LegacyContactId user) {
    return unsupported("user info");
  }

  /** Searches the directory (ICQ family 0x15 white pages). */
  default CompletableFuture<List<LegacyUserInfo>> search(LegacySearchQuery query) {
    return unsupported("search");
  }

  /** Fetches an avatar image by its id (ICQ BART family 0x10). */
  default CompletableFuture<byte[]> fetchAvatar(LegacyContactId contact, AvatarId avatar) {
    return unsupported("avatars");
  }

  /** Uploads the user's own avatar image (ICQ BART 10/02); completes with its id. */
  default CompletableFuture<AvatarId> setAvatar(byte[] image) {
    return unsupported("avatars");
  }

  /**
   * Offers a file to a contact and sends it once accepted (ICQ: channel-2 send-file proposal, then OFT2 over a
   * direct or proxied connection). Completes when the contact confirmed the whole file; fails with
   * {@link FileTransferException} ({@link FileTransferException.Reason#NOT_SUPPORTED} when the contact's client
   * cannot take files, {@link FileTransferException.Reason#CANCELLED} when it declined,
   * {@link FileTransferException.Reason#TIMED_OUT} when it did not answer).
   */
  default CompletableFuture<Void> sendFile(LegacyContactId to, String fileName, byte[] content) {
    return CompletableFuture.failedFuture(
        new FileTransferException(FileTransferException.Reason.NOT_SUPPORTED, "file transfers not supported"));
  }

  private static <T> CompletableFuture<T> unsupported(String feature) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException(feature + " not supported"));
  }
}
