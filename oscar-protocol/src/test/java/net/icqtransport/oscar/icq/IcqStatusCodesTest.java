package net.icqtransport.oscar.icq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.MessageRejectedException.Reason;
import net.icqtransport.oscar.client.OscarErrorCodes;
import org.junit.jupiter.api.Test;

class IcqStatusCodesTest {

  @Test
  void readsSingleAndCombinedBitsInPrecedence() {
    assertEquals(LegacyStatus.ONLINE, IcqStatusCodes.fromWire(0x0000));
    assertEquals(LegacyStatus.ONLINE, IcqStatusCodes.fromWire(0x20120000L));
    assertEquals(LegacyStatus.AWAY, IcqStatusCodes.fromWire(0x0001));
    assertEquals(LegacyStatus.DO_NOT_DISTURB, IcqStatusCodes.fromWire(0x0002));
    assertEquals(LegacyStatus.DO_NOT_DISTURB, IcqStatusCodes.fromWire(0x0013));
    assertEquals(LegacyStatus.NOT_AVAILABLE, IcqStatusCodes.fromWire(0x0004));
    assertEquals(LegacyStatus.NOT_AVAILABLE, IcqStatusCodes.fromWire(0x0005));
    assertEquals(LegacyStatus.OCCUPIED, IcqStatusCodes.fromWire(0x0010));
    assertEquals(LegacyStatus.OCCUPIED, IcqStatusCodes.fromWire(0x0011));
    assertEquals(LegacyStatus.FREE_FOR_CHAT, IcqStatusCodes.fromWire(0x0020));
    assertEquals(LegacyStatus.INVISIBLE, IcqStatusCodes.fromWire(0x0100));
    assertEquals(LegacyStatus.INVISIBLE, IcqStatusCodes.fromWire(0x10000101L));
  }

  @Test
  void everySettableStatusRoundTrips() {
    for (LegacyStatus status : LegacyStatus.values()) {
      if (status != LegacyStatus.OFFLINE) {
        assertEquals(status, IcqStatusCodes.fromWire(IcqStatusCodes.toWire(status)), status.name());
      }
    }
    assertEquals(0x0013, IcqStatusCodes.toWire(LegacyStatus.DO_NOT_DISTURB));
    assertEquals(0x0005, IcqStatusCodes.toWire(LegacyStatus.NOT_AVAILABLE));
    assertEquals(0x0011, IcqStatusCodes.toWire(LegacyStatus.OCCUPIED));
    assertThrows(IllegalArgumentException.class, () -> IcqStatusCodes.toWire(LegacyStatus.OFFLINE));
  }

  @Test
  void icbmErrorsMapToRejectionReasons() {
    assertEquals(Reason.RECIPIENT_UNAVAILABLE, OscarErrorCodes.messageRejected(0x04).reason());
    assertEquals("user is not online and the ICQ server did not keep the message",
        OscarErrorCodes.messageRejected(0x04).getMessage());
    assertEquals(Reason.RATE_LIMITED, OscarErrorCodes.messageRejected(0x02).reason());
    assertEquals(Reason.RATE_LIMITED, OscarErrorCodes.messageRejected(0x03).reason());
    assertEquals(Reason.NOT_ALLOWED, OscarErrorCodes.messageRejected(0x0D).reason());
    assertEquals(Reason.NOT_ALLOWED, OscarErrorCodes.messageRejected(0x0E).reason());
    assertEquals(Reason.NOT_ALLOWED, OscarErrorCodes.messageRejected(0x10).reason());
    assertEquals(Reason.OTHER, OscarErrorCodes.messageRejected(0x09).reason());
    assertEquals(true, OscarErrorCodes.messageRejected(0x09).getMessage().contains("0x0009"));
  }

  @Test
  void loginErrorsMapToFailures() {
    int[][] table = {{0x01, 0}, {0x04, 0}, {0x05, 0}, {0x07, 1}, {0x08, 1}, {0x09, 1}, {0x11, 2}, {0x19, 2},
        {0x1B, 3}, {0x1C, 3}, {0x16, 4}, {0x17, 4}, {0x18, 4}, {0x1D, 4}, {0x02, 5}, {0x03, 6}, {0x20, 0}, {0x21, 6}};
    net.icqtransport.core.legacy.LoginFailure[] kinds = {
        net.icqtransport.core.legacy.LoginFailure.WRONG_PASSWORD,
        net.icqtransport.core.legacy.LoginFailure.INVALID_ACCOUNT,
        net.icqtransport.core.legacy.LoginFailure.SUSPENDED,
        net.icqtransport.core.legacy.LoginFailure.CLIENT_REJECTED,
        net.icqtransport.core.legacy.LoginFailure.RATE_LIMITED,
        net.icqtransport.core.legacy.LoginFailure.SERVICE_UNAVAILABLE,
        net.icqtransport.core.legacy.LoginFailure.PROTOCOL_ERROR};
    for (int[] row : table) {
      assertEquals(kinds[row[1]], OscarErrorCodes.loginFailure(row[0]), Integer.toHexString(row[0]));
    }
    assertEquals(true, OscarErrorCodes.loginErrorText(0x20).contains("0x0020"));
  }
}
