package net.icqtransport.xmpp.mapping;

import net.icqtransport.core.bridge.AccountTakenException;
import net.icqtransport.core.bridge.NotLoggedInException;
import net.icqtransport.core.legacy.LoginFailedException;
import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.core.legacy.MessageRejectedException;
import net.icqtransport.core.registration.StoreException;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.PacketError.Condition;
import org.xmpp.packet.PacketError.Type;

/**
 * Failures of the legacy side → XMPP stanza errors (RFC 6120 §8.3.3), with a text for the user.
 *
 * <p>Failures of the gateway's on-line operations (user info, search, ping, …):
 *
 * <pre>
 *   NotLoggedInException          → service-unavailable (cancel)  "You are not logged in to ICQ…"
 *   StoreException                → internal-server-error (wait)  "The transport's registration store is unavailable…"
 *   NoSuchElementException        → item-not-found (cancel)         the network knows no such user
 *   UnsupportedOperationException → feature-not-implemented (cancel)
 *   IllegalArgumentException      → bad-request (modify)
 *   anything else                 → internal-server-error (wait)
 * </pre>
 *
 * {@code service-unavailable} and not {@code recipient-unavailable} for a user who is not logged in:
 * RFC 6120 §8.3.3.13 keeps the latter for an intended recipient that is temporarily away, while here it is
 * the transport's service to this user that is down (as for a message while not connected, see
 * {@link #forMessageRejection}). {@code recipient-unavailable} is used for an offline ICQ contact instead.
 */
public final class StanzaErrorMapping {
  /** The text of every error caused by the user's ICQ session being down. */
  public static final String NOT_LOGGED_IN = "You are not logged in to ICQ: register with the transport and go online";

  /** The text of every error caused by the registration store being unreachable. */
  public static final String STORE_UNAVAILABLE =
      "The transport's registration store is unavailable; nothing was changed, try again later";

  private StanzaErrorMapping() {}

  /**
   * The error for a registration whose test login failed (XEP-0077 §3.1, XEP-0100 §4.1.1). Failures of the
   * connection carry the network's detail (which host, what went wrong: "cannot reach the server: cannot connect
   * to authorizer login.example:5190: unknown host"); refused credentials only say so.
   */
  public static PacketError forLoginFailure(LoginFailedException failed) {
    return switch (failed.failure()) {
      case NETWORK_ERROR, TIMEOUT, CERTIFICATE_REFUSED, PROTOCOL_ERROR, SERVICE_UNAVAILABLE, RATE_LIMITED ->
          forLoginFailure(failed.failure(), failed.getMessage());
      default -> forLoginFailure(failed.failure());
    };
  }

  /** The error for a registration whose test login failed, with the failure's short description. */
  public static PacketError forLoginFailure(LoginFailure failure) {
    return forLoginFailure(failure, failure.description());
  }

  private static PacketError forLoginFailure(LoginFailure failure, String reason) {
    String text = "Could not log in to ICQ: " + reason;
    return switch (failure) {
      case WRONG_PASSWORD, INVALID_ACCOUNT -> new PacketError(Condition.not_authorized, Type.auth, text);
      case SUSPENDED -> new PacketError(Condition.forbidden, Type.auth, text);
      case CLIENT_REJECTED -> new PacketError(Condition.service_unavailable, Type.cancel, text);
      case CERTIFICATE_REFUSED -> new PacketError(Condition.remote_server_not_found, Type.cancel, text);
      case RATE_LIMITED -> new PacketError(Condition.resource_constraint, Type.wait, text + "; try again later");
      case SERVICE_UNAVAILABLE -> new PacketError(Condition.service_unavailable, Type.wait, text + "; try again later");
      case NETWORK_ERROR, TIMEOUT -> new PacketError(Condition.remote_server_timeout, Type.wait, text + "; try again later");
      case PROTOCOL_ERROR -> new PacketError(Condition.undefined_condition, Type.wait, text);
    };
  }

  /**
   * The error for a registration of an account another Jabber user of the transport has registered (XEP-0077
   * §3.1: {@code conflict}, cancel). Says nothing of who that user is.
   */
  public static PacketError forAccountTaken(AccountTakenException taken) {
    return new PacketError(Condition.conflict, Type.cancel, taken.getMessage()
        + "; its owner can unregister it, or register another ICQ number");
  }

  /** The error for a message the legacy network did not take. */
  public static PacketError forMessageRejection(MessageRejectedException rejection) {
    String detail = rejection.getMessage();
    String suffix = detail == null || detail.isBlank() ? "" : " (" + detail + ")";
    MessageRejectedException.Reason reason =
        rejection.reason() == null ? MessageRejectedException.Reason.OTHER : rejection.reason();
    return switch (reason) {
      case RECIPIENT_UNAVAILABLE -> new PacketError(
          Condition.recipient_unavailable, Type.wait, "The ICQ contact cannot receive messages now" + suffix);
      case RATE_LIMITED -> new PacketError(
          Condition.resource_constraint, Type.wait, "Too many messages: ICQ asks to slow down; send it again later" + suffix);
      case NOT_CONNECTED -> new PacketError(
          Condition.service_unavailable, Type.cancel,
          "You are not logged in to ICQ: register with the transport and go online, then send it again" + suffix);
      case TOO_LONG -> new PacketError(Condition.not_acceptable, Type.modify, "The message is too long for ICQ" + suffix);
      case NOT_ALLOWED -> new PacketError(Condition.forbidden, Type.auth, "ICQ does not allow this message" + suffix);
      case OTHER -> new PacketError(Condition.undefined_condition, Type.cancel, "ICQ did not take the message" + suffix);
    };
  }

  /** The error for a request that needs the user's ICQ session while it is not up. */
  public static PacketError forNotLoggedIn() {
    return new PacketError(Condition.service_unavailable, Type.cancel, NOT_LOGGED_IN);
  }

  /** The error for a request to an ICQ contact that is offline (e.g. a ping, XEP-0199 §4.2). */
  public static PacketError forContactOffline() {
    return new PacketError(Condition.recipient_unavailable, Type.wait, "The ICQ contact is offline");
  }

  /**
   * The error for a failed gateway operation, per the table above; {@code what} completes "The transport
   * could not …" for unexpected failures.
   */
  public static PacketError forGatewayFailure(Throwable failure, String what) {
    if (failure instanceof NotLoggedInException) {
      return forNotLoggedIn();
    }
    if (failure instanceof StoreException) {
      return forStoreUnavailable();
    }
    if (failure instanceof java.util.NoSuchElementException) {
      // The network knows no such user (e.g. ICQ's directory has no entry for the UIN): not a transient failure.
      String detail = failure.getMessage();
      return new PacketError(Condition.item_not_found, Type.cancel,
          detail == null || detail.isBlank() ? "No such ICQ user" : detail);
    }
    if (failure instanceof UnsupportedOperationException) {
      return new PacketError(Condition.feature_not_implemented, Type.cancel, "ICQ does not support this: " + what);
    }
    if (failure instanceof IllegalArgumentException) {
      String detail = failure.getMessage();
      return new PacketError(Condition.bad_request, Type.modify,
          detail == null || detail.isBlank() ? "Invalid request" : detail);
    }
    return forUnexpectedFailure(what);
  }

  /**
   * The error for a request the registration store could not serve (its database is unreachable):
   * {@code internal-server-error} (RFC 6120 §8.3.3.6) of type {@code wait}, "retry after waiting (the error is
   * temporary)" (§8.3.2), with a text that says so. Nothing was stored (the stores write in transactions).
   */
  public static PacketError forStoreUnavailable() {
    return new PacketError(Condition.internal_server_error, Type.wait, STORE_UNAVAILABLE);
  }

  /** The error for a failure the transport did not expect; the text says nothing internal. */
  public static PacketError forUnexpectedFailure(String what) {
    return new PacketError(Condition.internal_server_error, Type.wait, "The transport could not " + what);
  }
}
