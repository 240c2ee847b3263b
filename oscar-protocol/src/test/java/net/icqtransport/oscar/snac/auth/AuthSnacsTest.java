package net.icqtransport.oscar.snac.auth;

import static net.icqtransport.oscar.HexDump.flapPayload;
import static net.icqtransport.oscar.HexDump.hex;
import static net.icqtransport.oscar.HexDump.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.oscar.Dumps;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.client.OscarErrorCodes;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.flap.FlapFrameEncoder;
import net.icqtransport.oscar.snac.Snac;
import org.junit.jupiter.api.Test;

class AuthSnacsTest {
  /** The identity in the snac_17_02 dump (AIM 5.1.3036 on Windows). */
  private static final ClientIdentity AIM_51 = new ClientIdentity(
      "AOL Instant Messenger, version 5.1.3036/WIN32", 0x0109, 5, 1, 0, 0x0BDC, 0xD2, "en", "us");

  @Test
  void keyRequestMatchesTheDumpIncludingTheFlapHeader() {
    EmbeddedChannel channel = new EmbeddedChannel(new FlapFrameEncoder(0x0A46));
    channel.writeOutbound(new AuthKeyRequest("6218895").toSnac(0).toFrame());
    ByteBuf bytes = channel.readOutbound();
    assertEquals(Dumps.AUTH_KEY_REQUEST, ByteBufUtil.hexDump(bytes));
    bytes.release();
    assertFalse(channel.finish());
  }

  @Test
  void md5LoginMatchesTheDump() {
    // The dump's hash stands in for the one a client computes (its key and password are not documented).
    byte[] hash = hex("77d288a01b2e22d08a75a634dd7c7ca9");
    Snac snac = new Md5LoginRequest("6218895", hash, true, AIM_51).toSnac(0);
    assertEquals(toHex(flapPayload(Dumps.MD5_LOGIN)), toHex(snac.encode()));
  }

  @Test
  void md5LoginWithoutTlv4cLeavesItOut() {
    Snac snac = new Md5LoginRequest("6218895", new byte[16], false, AIM_51).toSnac(0);
    byte[] golden = flapPayload(Dumps.MD5_LOGIN);
    assertEquals(golden.length - 4, snac.encode().length);
    assertFalse(toHex(snac.encode()).contains("004c0000"));
  }

  @Test
  void md5HashesMatchKnownAnswers() {
    byte[] key = "abcdef".getBytes(StandardCharsets.US_ASCII);
    assertEquals("e462ede021f9ea17880c408b65be964f", toHex(PasswordHashes.md5(key, "secret")));
    assertEquals("a5ebefa21bcedfc14c10bc4b17554e6e", toHex(PasswordHashes.md5Prehashed(key, "secret")));
  }

  @Test
  void parsesTheKeyReplyDumpWithItsU32Length() {
    AuthKeyReply reply = AuthKeyReply.decode(Snac.decode(flapPayload(Dumps.AUTH_KEY_REPLY)));
    assertEquals("B7GD4a7a901o3020af22eB81?cD83608927Pqeae1158B=@D3cBFc60a",
        new String(reply.key(), StandardCharsets.US_ASCII));
  }

  @Test
  void parsesAKeyReplyWithU16Length() {
    AuthKeyReply reply = AuthKeyReply.decode(Snac.decode(hex("0017 0007 0000 00000001 000a 31323334353637383930")));
    assertEquals("1234567890", new String(reply.key(), StandardCharsets.US_ASCII));
    assertThrows(OscarProtocolException.class,
        () -> AuthKeyReply.decode(Snac.decode(hex("0017 0007 0000 00000001 0020 3132"))));
  }

  @Test
  void parsesTheLoginErrorDump() {
    LoginReply reply = LoginReply.fromSnac(Snac.decode(flapPayload(Dumps.LOGIN_REPLY_ERROR)));
    assertFalse(reply.isSuccess());
    assertEquals(0x08, reply.errorCode().getAsInt());
    assertEquals(LoginFailure.INVALID_ACCOUNT, OscarErrorCodes.loginFailure(reply.errorCode().getAsInt()));
  }

  @Test
  void parsesTheLoginSuccessDump() {
    LoginReply reply = LoginReply.fromSnac(Snac.decode(flapPayload(Dumps.LOGIN_REPLY_SUCCESS)));
    assertTrue(reply.isSuccess());
    assertEquals("REALRegressor", reply.screenName().orElseThrow());
    assertEquals("64.12.30.168", reply.bosHost());
    assertEquals(443, reply.bosPort());
    assertEquals(256, reply.cookie().orElseThrow().length);
    assertEquals("8be1b4a0", toHex(Arrays.copyOf(reply.cookie().orElseThrow(), 4)));
    assertFalse(reply.toString().contains("8be1b4a0"));
  }

  @Test
  void roastedLoginMatchesTheCliIdentDump() {
    assertEquals("8347f2b74ee9a9f6", toHex(PasswordHashes.roast("password")));
    FlapFrame frame = new LegacyLoginRequest("777777", PasswordHashes.roast("password"), ClientIdentity.ICQ_2000B)
        .toFrame();
    assertEquals(FlapChannel.SIGNON, frame.channel());
    EmbeddedChannel channel = new EmbeddedChannel(new FlapFrameEncoder(0x135A));
    channel.writeOutbound(frame);
    ByteBuf bytes = channel.readOutbound();
    assertEquals(Dumps.CLI_IDENT, ByteBufUtil.hexDump(bytes));
    bytes.release();
    assertFalse(channel.finish());
  }

  @Test
  void roastingWrapsAroundTheTable() {
    byte[] roasted = PasswordHashes.roast("12345678901234567");
    assertEquals((byte) ('7' ^ 0xF3), roasted[16]);
  }

  @Test
  void parsesTheChannel4Replies() {
    LoginReply cookie = LoginReply.fromSignoffPayload(flapPayload(Dumps.SRV_COOKIE));
    assertTrue(cookie.isSuccess());
    assertEquals("10.10.10.9", cookie.bosHost());
    assertEquals(5190, cookie.bosPort());
    assertEquals(256, cookie.cookie().orElseThrow().length);

    LoginReply failed = LoginReply.fromSignoffPayload(flapPayload(Dumps.AUTH_FAILED));
    assertEquals(0x05, failed.errorCode().getAsInt());
    assertEquals(LoginFailure.WRONG_PASSWORD, OscarErrorCodes.loginFailure(0x05));
  }

  @Test
  void cookieSignOnMatchesTheCliCookieDump() {
    byte[] payload = flapPayload(Dumps.CLI_COOKIE);
    byte[] cookie = Arrays.copyOfRange(payload, 8, payload.length);
    assertArrayEquals(payload, SignOn.cookie(cookie).payload());
    assertEquals("00000001", SignOn.hello().payloadHex());
  }

  @Test
  void bosAddressWithoutPortOrInBrackets() {
    LoginReply plain = LoginReply.fromSignoffPayload(hex("0005 0009 3132372e302e302e31 00060001 00"));
    assertEquals("127.0.0.1", plain.bosHost());
    assertEquals(5190, plain.bosPort());
    LoginReply v6 = LoginReply.fromSignoffPayload(hex("0005 000a 5b3a3a315d3a31323334 00060001 00"));
    assertEquals("::1", v6.bosHost());
    assertEquals(1234, v6.bosPort());
  }
}
