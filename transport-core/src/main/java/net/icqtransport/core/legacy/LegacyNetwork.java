package net.icqtransport.core.legacy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

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
   * {@link #open(LegacyCredentials, LegacySessionOptions, LegacyListener)}, with the session's I/O on {@code home}
   * where the network can: the executor the user's bridge runs on. A network with event loops of its own may have
   * placed the user's bridge on one of them, and then runs the session there too, so that the session's events
   * reach the bridge, and the bridge's requests the session, without a hand-over to another thread. Other
   * executors, and networks without loops, are free to ignore it.
   */
  default CompletableFuture<LegacySession> open(
      LegacyCredentials credentials, LegacySessionOptions options, LegacyListener listener, Executor home) {
    return open(credentials, options, listener);
  }

  /**
   * Parses and canonicalizes a contact id typed by a user or taken from a JID's local part.
   *
   * @throws IllegalArgumentException if it is not a valid id on this network
   */
  LegacyContactId parseContactId(String text);
}
