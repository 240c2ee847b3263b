package net.icqtransport.oscar.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.icqtransport.core.legacy.LoginFailure;
import org.junit.jupiter.api.Test;

/** Login error codes of iserverd {@code auth_failed.txt}: every listed code has a kind and a text. */
class OscarErrorCodesTest {
  private static final int[] LISTED = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C,
      0x0D, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E,
      0x20, 0x22};

  @Test
  void rateLimitCodesAreRateLimited() {
    assertEquals(LoginFailure.RATE_LIMITED, OscarErrorCodes.loginFailure(0x18));
    assertEquals(LoginFailure.RATE_LIMITED, OscarErrorCodes.loginFailure(0x1D));
    assertEquals(LoginFailure.RATE_LIMITED, OscarErrorCodes.loginFailure(0x16));
    assertTrue(OscarErrorCodes.loginErrorText(0x18).contains("reservation rate limit"));
  }

  @Test
  void wrongPasswordsAreNeverRetried() {
    for (int code : new int[] {0x01, 0x04, 0x05}) {
      assertEquals(LoginFailure.WRONG_PASSWORD, OscarErrorCodes.loginFailure(code));
      assertFalse(OscarErrorCodes.loginFailure(code).isRetryable());
    }
  }

  @Test
  void serverTroubleIsRetryable() {
    for (int code : new int[] {0x02, 0x0A, 0x10, 0x1A, 0x1E}) {
      assertEquals(LoginFailure.SERVICE_UNAVAILABLE, OscarErrorCodes.loginFailure(code), Integer.toHexString(code));
    }
  }

  @Test
  void everyListedCodeHasItsOwnText() {
    for (int code : LISTED) {
      String text = OscarErrorCodes.loginErrorText(code);
      assertFalse(text.startsWith("unknown"), text);
      assertTrue(text.endsWith(String.format("(error 0x%04X)", code)), text);
    }
    assertTrue(OscarErrorCodes.loginErrorText(0x77).startsWith("unknown login error"));
    assertEquals(LoginFailure.PROTOCOL_ERROR, OscarErrorCodes.loginFailure(0x77));
  }
}
