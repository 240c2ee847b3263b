package net.icqtransport.xmpp.handler;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.bridge.AccountTakenException;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LoginFailedException;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.registration.StoreException;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.mapping.StanzaErrorMapping;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;
import net.icqtransport.xmpp.user.XmppUsers;

/**
 * Registering a Jabber user's ICQ account, whichever way it arrives: the XEP-0077 form
 * ({@link RegistrationHandler}) or the "Register" and "Change password" ad-hoc commands (XEP-0050). All ways
 * check the input the same, log in to ICQ before anything is stored ({@link Gateway#register}), map its
 * failures to the same stanza errors and send the same follow-up: {@code subscribe} from the transport
 * (XEP-0100 §4.1.1) and, for a user who was not registered before, one welcome message (issue #17).
 *
 * <p>The password is never logged: only the user and the account are.
 */
public final class AccountRegistration {
  private static final Logger LOG = LoggerFactory.getLogger(AccountRegistration.class);

  private final StanzaSender sender;
  private final Gateway gateway;
  private final TransportAddresses addresses;
  private final XmppUsers users;

  public AccountRegistration(StanzaSender sender, Gateway gateway, TransportAddresses addresses,
      XmppUsers users) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.users = Objects.requireNonNull(users, "users");
  }

  /** What a successful registration leads to: run {@link #followUp} once the requester's answer was sent. */
  public record Registered(UserAddress user, LegacyContactId account, boolean isNew) {}

  /**
   * Checks the input ({@code not-acceptable} when a field is missing or the account is neither a UIN nor a
   * screen name), then registers. The future fails with a {@link StanzaException} carrying the mapped error:
   * {@code conflict} for an account another Jabber user registered, the login failure's condition
   * ({@code not-authorized} for a wrong password), {@code internal-server-error} (wait) while the store is down.
   */
  public CompletableFuture<Registered> register(UserAddress user, String username, String password) {
    if (username == null || username.isBlank() || password == null || password.isEmpty()) {
      throw new StanzaException(PacketError.Condition.not_acceptable,
          "Both the ICQ number or AIM screen name and the password are required");
    }
    LegacyContactId account;
    try {
      account = gateway.parseContactId(username.trim());
    } catch (IllegalArgumentException e) {
      throw new StanzaException(PacketError.Condition.not_acceptable, "'" + abbreviate(username.strip())
          + "' is neither an ICQ number nor an AIM screen name");
    }
    boolean isNew = gateway.registration(user).isEmpty();
    LOG.info("Registering {} as ICQ {}", user, account);
    return gateway.register(user, new LegacyCredentials(account, password))
        .handle((registration, failure) -> {
          if (failure != null) {
            PacketError error = errorFor(user, account, AsyncFailures.unwrap(failure));
            throw new StanzaException(error.getCondition(), error.getType(), error.getText());
          }
          LOG.info("Registered {} as ICQ {}", user, account);
          return new Registered(user, account, isNew);
        });
  }

  /**
   * The follow-up of every successful registration, after the requester's answer: {@code subscribe} to the
   * user's bare JID (no probe: see {@link RegistrationHandler}) and, the first time, the welcome message.
   */
  public void followUp(Registered registered) {
    UserAddress user = registered.user();
    JID userJid = addresses.userJid(user);
    users.of(user).subscriptionRequested();
    Presence subscribe = new Presence(Presence.Type.subscribe);
    subscribe.setFrom(addresses.domain());
    subscribe.setTo(userJid);
    sender.send(subscribe);
    if (registered.isNew()) {
      sender.send(welcome(userJid, shownAccount(registered)));
    }
  }

  /**
   * The registered account as its owner spells it when the session that checked the password reported it ("Joe
   * User" for the stored {@code joeuser}), else the stored id.
   */
  public String shownAccount(Registered registered) {
    return gateway.accountDisplayName(registered.user()).orElse(registered.account().value());
  }

  /** The welcome message: what happens next and where the commands are, in plain words. */
  Message welcome(JID userJid, String account) {
    String domain = addresses.domain().getDomain();
    Message message = new Message();
    message.setType(Message.Type.chat);
    message.setFrom(addresses.domain());
    message.setTo(userJid);
    message.setBody("Welcome to the ICQ transport! You are registered as " + account + ".\n"
        + "What happens next: accept the transport's subscription request. Whenever you are online, the transport "
        + "signs you on to ICQ, and your ICQ contacts arrive in your contact list (your client may ask you to "
        + "accept each one). Write to an ICQ contact at NUMBER@" + domain + ".\n"
        + "Commands: send help to this address (" + domain + "), or use your client's ad-hoc commands on it.");
    return message;
  }

  private static PacketError errorFor(UserAddress user, LegacyContactId account, Throwable failure) {
    if (failure instanceof AccountTakenException taken) {
      LOG.info("Registration of {} as ICQ {} refused: registered by another Jabber user", user, account);
      return StanzaErrorMapping.forAccountTaken(taken);
    }
    if (failure instanceof LoginFailedException login) {
      LOG.info("Registration of {} as ICQ {} refused: {}", user, account, login.failure());
      return StanzaErrorMapping.forLoginFailure(login);
    }
    if (failure instanceof StoreException store) {
      LOG.warn("Registration of {} as ICQ {} not stored, the registration store is unavailable: {}", user, account,
          store.reason());
      return StanzaErrorMapping.forStoreUnavailable();
    }
    LOG.warn("Registration of {} as ICQ {} failed", user, account, failure);
    return StanzaErrorMapping.forUnexpectedFailure("complete the registration; try again later");
  }

  /** Refused input is quoted back, but never more than a short prefix of it. */
  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
