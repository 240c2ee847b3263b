package net.icqtransport.oscar.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How sessions end (OSCAR-SERVERS.md, "Sign-on and kicks"), in golden bytes read off a plain socket: an old
 * client (login without TLV 0x004A) replaced by a newer login gets exactly {@code 2A 04 <seq>}, any other a
 * channel-4 frame with TLV 0x09 = 0x0001; {@link OscarSimulator#kick(String, KickStyle)} ends a session in each
 * of the ways real servers do. The sequence number is always the one after the last frame the client read.
 */
class KickFlowTest {
  private static final String ALICE = "111111";
  private static final String PASSWORD = "alicepw";
  private static final String SIGNED_ON_ELSEWHERE = "0006" + "000900020001";

  private OscarSimulator simulator;

  @BeforeEach
  void start() {
    simulator = OscarSimulator.builder().account(ALICE, PASSWORD).start();
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Test
  void oldClientOnChannelOneIsKickedWithFourBareBytes() throws Exception {
    byte[] cookie = TestLogins.cookie(TestLogins.legacyLogin(simulator.loginAddress(), ALICE, PASSWORD));
    try (RawFlapSocket first = RawFlapSocket.signOnBos(simulator, cookie);
        TestFlapClient second = signOnAgain()) {
      assertArrayEquals(bytes("2a04" + next(first)), first.readToEnd());
      assertTrue(second.isOpen(), "the newer login stays");
    }
  }

  @Test
  void md5LoginWithoutMultiConnectionFlagIsAnOldClientToo() throws Exception {
    byte[] cookie = TestLogins.cookie(TestLogins.md5Login(simulator.loginAddress(), ALICE, PASSWORD, false, false));
    try (RawFlapSocket first = RawFlapSocket.signOnBos(simulator, cookie);
        TestFlapClient second = signOnAgain()) {
      assertArrayEquals(bytes("2a04" + next(first)), first.readToEnd());
    }
  }

  @Test
  void md5LoginWithMultiConnectionFlagGetsSignedOnElsewhere() throws Exception {
    byte[] cookie = TestLogins.cookie(TestLogins.md5Login(simulator.loginAddress(), ALICE, PASSWORD, false, true));
    try (RawFlapSocket first = RawFlapSocket.signOnBos(simulator, cookie);
        TestFlapClient second = signOnAgain()) {
      assertArrayEquals(bytes("2a04" + next(first) + SIGNED_ON_ELSEWHERE), first.readToEnd());
    }
  }

  @Test
  void channelOneLoginWithMultiConnectionFlagGetsSignedOnElsewhere() throws Exception {
    byte[] cookie = TestLogins.cookie(TestLogins.legacyLogin(simulator.loginAddress(), ALICE, PASSWORD, true));
    try (RawFlapSocket first = RawFlapSocket.signOnBos(simulator, cookie);
        TestFlapClient second = signOnAgain()) {
      assertArrayEquals(bytes("2a04" + next(first) + SIGNED_ON_ELSEWHERE), first.readToEnd());
    }
  }

  /** The style decides, whatever the login was: here an old client's session gets every style. */
  @ParameterizedTest
  @EnumSource(KickStyle.class)
  void kickEndsTheSessionInTheGivenStyle(KickStyle style) throws Exception {
    byte[] cookie = TestLogins.cookie(TestLogins.legacyLogin(simulator.loginAddress(), ALICE, PASSWORD));
    try (RawFlapSocket session = RawFlapSocket.signOnBos(simulator, cookie)) {
      simulator.kick(ALICE, style);
      String expected = switch (style) {
        case SIGNED_ON_ELSEWHERE -> "2a04" + next(session) + SIGNED_ON_ELSEWHERE;
        case OLD_CLIENT_FRAME -> "2a04" + next(session);
        case EMPTY_CHANNEL_4, EMPTY_CHANNEL_4_SPLIT -> "2a04" + next(session) + "0000";
        case CLOSE_ONLY -> "";
      };
      assertArrayEquals(bytes(expected), session.readToEnd(), style.name());
      assertFalse(simulator.isOnline(ALICE));
    }
  }

  @Test
  void plainKickIsSignedOnElsewhere() throws Exception {
    byte[] cookie = TestLogins.cookie(TestLogins.legacyLogin(simulator.loginAddress(), ALICE, PASSWORD));
    try (RawFlapSocket session = RawFlapSocket.signOnBos(simulator, cookie)) {
      simulator.kick(ALICE);
      assertArrayEquals(bytes("2a04" + next(session) + SIGNED_ON_ELSEWHERE), session.readToEnd());
    }
  }

  /** A second BOS connection of ALICE (MD5 with TLV 0x4A), back once the server offered its families. */
  private TestFlapClient signOnAgain() throws Exception {
    return TestLogins.connectBos(simulator, TestLogins.cookie(
        TestLogins.md5Login(simulator.loginAddress(), ALICE, PASSWORD, false, true)));
  }

  /** The sequence number after the last frame read, in hex. */
  private static String next(RawFlapSocket socket) {
    return String.format("%04x", (socket.lastSequence() + 1) & 0xFFFF);
  }

  private static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex);
  }
}
