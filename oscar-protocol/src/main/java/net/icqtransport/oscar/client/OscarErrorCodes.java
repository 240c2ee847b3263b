package net.icqtransport.oscar.client;

import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.core.legacy.MessageRejectedException;
import net.icqtransport.core.legacy.MessageRejectedException.Reason;

/**
 * The one place OSCAR error codes become the transport's failure kinds: login errors (TLV 0x08 of SNAC(17,03)
 * or the channel-4 login reply, iserverd {@code auth_failed.txt}, all codes listed there) and ICBM errors (SNAC(04,01), iserverd "errorlist").
 */
public final class OscarErrorCodes {
  private OscarErrorCodes() {}

  public static LoginFailure loginFailure(int code) {
    return switch (code) {
      case 0x01, 0x04, 0x05, 0x20 -> LoginFailure.WRONG_PASSWORD;
      case 0x07, 0x08, 0x09 -> LoginFailure.INVALID_ACCOUNT;
      case 0x11, 0x19, 0x22 -> LoginFailure.SUSPENDED;
      case 0x06, 0x1B, 0x1C -> LoginFailure.CLIENT_REJECTED;
      case 0x16, 0x17, 0x18, 0x1D -> LoginFailure.RATE_LIMITED;
      case 0x02, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x12, 0x13, 0x14, 0x15, 0x1A, 0x1E ->
          LoginFailure.SERVICE_UNAVAILABLE;
      default -> LoginFailure.PROTOCOL_ERROR;
    };
  }

  /** A short text for the login error code, for the failure's detail. */
  public static String loginErrorText(int code) {
    String text = switch (code) {
      case 0x01 -> "invalid UIN or password";
      case 0x02 -> "service temporarily unavailable";
      case 0x03 -> "login refused";
      case 0x04, 0x05 -> "incorrect UIN or password";
      case 0x06 -> "the server rejected the client's login data";
      case 0x07 -> "invalid account";
      case 0x08 -> "deleted account";
      case 0x09 -> "expired account";
      case 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x12, 0x13, 0x14, 0x15 -> "server internal error, try again later";
      case 0x10 -> "service temporarily offline";
      case 0x11 -> "suspended account";
      case 0x16, 0x17 -> "too many connections from this IP address";
      case 0x18 -> "reservation rate limit exceeded, try again in a few minutes";
      case 0x1A -> "reservation timeout, try again later";
      case 0x1D -> "rate limit exceeded, try again in a few minutes";
      case 0x19 -> "account too heavily warned";
      case 0x1B -> "client too old, upgrade required";
      case 0x1C -> "client too old, upgrade recommended";
      case 0x1E -> "cannot register on the network, try again in a few minutes";
      case 0x20 -> "invalid SecurID";
      case 0x22 -> "account suspended because of the user's age";
      default -> "unknown login error";
    };
    return String.format("%s (error 0x%04X)", text, code);
  }

  public static MessageRejectedException messageRejected(int code) {
    return switch (code) {
      case 0x04 -> new MessageRejectedException(Reason.RECIPIENT_UNAVAILABLE,
          "user is not online and the ICQ server did not keep the message");
      case 0x02, 0x03 -> new MessageRejectedException(Reason.RATE_LIMITED, "sending too fast (rate limit)");
      case 0x0D -> new MessageRejectedException(Reason.NOT_ALLOWED, "request denied");
      case 0x0E -> new MessageRejectedException(Reason.NOT_ALLOWED, "message refused as malformed");
      case 0x10 -> new MessageRejectedException(Reason.NOT_ALLOWED, "blocked by the recipient");
      default -> new MessageRejectedException(Reason.OTHER, String.format("server error 0x%04X", code));
    };
  }
}
