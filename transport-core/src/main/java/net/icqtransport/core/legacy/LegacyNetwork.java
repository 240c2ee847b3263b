package net.icqtransport.core.legacy;

import java.util.concurrent.CompletableFuture;

/** A legacy IM network the transport bridges to (ICQ over OSCAR). */
public interface LegacyNetwork {

  /**
   * Logs in. The future completes with the session once it is ready to send and receive (for OSCAR:
   * after "client ready"), or fails with {@link LoginFailedException}. The listener receives events from
   * then on.
   */
  CompletableFuture<LegacySession> open(LegacyCredentials credentials, LegacyListener listener);

  /** {@link #open(LegacyCredentials, LegacyListener)} with per-user settings; networks without any ignore them. */
  default CompletableFuture<LegacySession> open(
      LegacyCredentials credentials, LegacySessionOptions options, LegacyListener listener) {
    return open(credentials, listener);
  }

  /**
   * Parses and canonicalizes a contact id typed by a user or taken from a JID's local part.
   *
   * @throws IllegalArgumentException if it is not a valid id on this network
   */
  LegacyContactId parseContactId(String text);
}
