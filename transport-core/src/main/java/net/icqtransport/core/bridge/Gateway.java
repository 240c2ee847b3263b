package net.icqtransport.core.bridge;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.user.UserAddress;

/** What the XMPP side asks of the transport on behalf of a Jabber user. */
public interface Gateway {

  /**
   * Registers the user (XEP-0077 / XEP-0100 §4.1): the credentials are checked by logging in to the legacy
   * network, and stored only if that succeeds. Fails with
   * {@link net.icqtransport.core.legacy.LoginFailedException} when the network refuses them.
   */
  CompletableFuture<Registration> register(UserAddress user, LegacyCredentials credentials);

  /** Ends the user's session and deletes the registration; completes with whether there was one. */
  CompletableFuture<Boolean> unregister(UserAddress user);

  /** The user's registration, if any. */
  Optional<Registration> registration(UserAddress user);

  /** Every registered user, e.g. to probe their presence after a start. */
  List<UserAddress> registeredUsers();

  /**
   * A resource of a registered user became available or changed its presence (XEP-0100 §4.4). The first
   * one starts the legacy session; the highest-priority one decides the legacy status.
   *
   * @return false if the user is not registered (nothing was started)
   */
  boolean userAvailable(UserAddress user, String resource, int priority, LegacyStatus status, String statusText);

  /** A resource went offline; when it was the last, the legacy session ends (XEP-0100 §4.5). */
  void userUnavailable(UserAddress user, String resource);

  /**
   * A message from the user to a legacy contact. Completes when the legacy network took it; fails with
   * {@link net.icqtransport.core.legacy.MessageRejectedException} so the XMPP side can bounce it.
   */
  CompletableFuture<Void> sendMessage(UserAddress user, LegacyContactId to, String text);

  /** Parses a legacy contact id from a JID's local part; see {@link net.icqtransport.core.legacy.LegacyNetwork#parseContactId}. */
  LegacyContactId parseContactId(String text);

  /** Signs every user off and stops. */
  void shutdown();
}
