package net.icqtransport.oscar.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.Test;

/**
 * {@link OscarSimulator.Builder#splitFlapStart()} over real TCP: the bytes are the same frames, only written
 * in two pieces, so a client that reassembles split reads signs on and chats as usual.
 */
class SplitFlapStartFlowTest {
  private static final String ALICE = "111111";
  private static final String BOT = "999999";

  @Test
  void aWholeSignOnAndAnEchoWorkWithSplitStarts() throws Exception {
    try (OscarSimulator simulator = OscarSimulator.builder().account(ALICE, "alicepw").echoBot(BOT)
        .splitFlapStart().start();
        TestFlapClient alice = TestLogins.signOn(simulator, ALICE, "alicepw")) {
      byte[] message = HexFormat.of().parseHex("0501000101" + "01010006" + "00000000" + "6869");
      alice.send(0x04, 0x06, out -> {
        out.writeLong(42);
        out.writeShort(1);
        out.writeByte(BOT.length());
        out.writeBytes(BOT.getBytes(StandardCharsets.US_ASCII));
        Tlv.ofBytes(0x02, message).writeTo(out);
      });
      TlvChain echoed = echoedTlvs(alice.awaitSnac(0x04, 0x07).data());
      assertArrayEquals(message, echoed.bytes(0x02).orElseThrow());
    }
  }

  @Test
  void theHelloIsStillTenBytesOfOneFrame() throws Exception {
    try (OscarSimulator simulator = OscarSimulator.builder().splitFlapStart().start();
        RawFlapSocket socket = RawFlapSocket.connect(simulator.loginAddress())) {
      FlapFrame hello = socket.readFrame();
      assertEquals(FlapChannel.SIGNON, hello.channel());
      assertArrayEquals(new byte[] {0, 0, 0, 1}, hello.payload());
    }
  }

  /** The TLVs of a 04/07 after cookie, channel and the sender's user-info block. */
  private static TlvChain echoedTlvs(byte[] data) {
    ByteBuf in = Unpooled.wrappedBuffer(data);
    in.skipBytes(8 + 2);
    FlowSupport.userInfoTlvs(in);
    return TlvChain.readChain(in);
  }
}
