package net.icqtransport.core.legacy;

import java.util.concurrent.CompletableFuture;

/** One logged-in session on the legacy network, owned by one bridge. Methods never block. */
public interface LegacySession {

  /** The account this session is logged in as. */
  LegacyContactId account();

  /**
   * Sends a text message. The future completes when the message was handed to the server, or fails with
   * {@link MessageRejectedException} (recipient offline, rate limit, too long) or another cause.
   */
  CompletableFuture<Void> sendMessage(LegacyContactId to, String text);

  /** Sets the user's own status and status text. */
  void setStatus(LegacyStatus status, String statusText);

  /** Signs off. {@link LegacyListener#sessionClosed} follows with {@link DisconnectReason#CLOSED_BY_CLIENT}. */
  void close();
}
