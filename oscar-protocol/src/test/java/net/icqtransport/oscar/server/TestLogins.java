package net.icqtransport.oscar.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * Client-side login steps for the flow tests, written from the reference ({@code login}, {@code snac_17_02},
 * {@code cli_ident}, {@code cli_cookie}) without the server's own helpers: hashes and roasting are computed
 * here independently.
 */
final class TestLogins {
  private static final byte[] ROAST = {
    (byte) 0xF3, 0x26, (byte) 0x81, (byte) 0xC4, 0x39, (byte) 0x86, (byte) 0xDB, (byte) 0x92,
    0x71, (byte) 0xA3, (byte) 0xB9, (byte) 0xE6, 0x53, 0x7A, (byte) 0x95, 0x7C
  };

  private TestLogins() {}

  /**
   * MD5 login on a fresh connection, as current clients (ours too) send it: with TLV 0x4A = 1, the
   * multi-connection flag. Returns the TLVs of 17/03.
   */
  static TlvChain md5Login(InetSocketAddress login, String uin, String password, boolean preHashed)
      throws Exception {
    return md5Login(login, uin, password, preHashed, true);
  }

  /** MD5 login; without {@code multiConnection} (no TLV 0x4A) the server takes it for an old client. */
  static TlvChain md5Login(InetSocketAddress login, String uin, String password, boolean preHashed,
      boolean multiConnection) throws Exception {
    try (TestFlapClient client = TestFlapClient.connect(login)) {
      assertArrayEquals(new byte[] {0, 0, 0, 1}, client.next(FlapChannel.SIGNON).payload());
      client.sendSignOn(TlvChain.empty());
      client.send(0x17, 0x06, out -> TlvChain.of(Tlv.ofAscii(0x01, uin), Tlv.empty(0x4B), Tlv.empty(0x5A))
          .writeChain(out));
      Snac keyReply = client.awaitSnac(0x17, 0x07);
      ByteBuf in = keyReply.dataBuffer();
      byte[] key = new byte[in.readUnsignedShort()];
      in.readBytes(key);
      assertEquals(0, in.readableBytes(), "17/07 is a u16 length and the key, nothing more");
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(key);
      byte[] pw = password.getBytes(StandardCharsets.US_ASCII);
      md5.update(preHashed ? MessageDigest.getInstance("MD5").digest(pw) : pw);
      md5.update("AOL Instant Messenger (SM)".getBytes(StandardCharsets.US_ASCII));
      TlvChain request = TlvChain.of(Tlv.ofAscii(0x01, uin), Tlv.ofBytes(0x25, md5.digest()),
          Tlv.ofAscii(0x03, "ICQ Inc. - Product of ICQ (TM).2003a.5.45.1.3777.85"), Tlv.ofU16(0x16, 0x010A),
          Tlv.ofU16(0x17, 5), Tlv.ofU16(0x18, 45), Tlv.ofU16(0x19, 1), Tlv.ofU16(0x1A, 3777),
          Tlv.ofU32(0x14, 0x55), Tlv.ofAscii(0x0F, "en"), Tlv.ofAscii(0x0E, "us"));
      TlvChain withHashFlag = preHashed ? request.with(Tlv.empty(0x4C)) : request;
      TlvChain withFlag = multiConnection ? withHashFlag.with(Tlv.ofU8(0x4A, 1)) : withHashFlag;
      long id = client.send(0x17, 0x02, withFlag::writeChain);
      Snac reply = client.awaitSnac(0x17, 0x03);
      assertEquals(id, reply.requestId());
      return TlvChain.readChain(reply.dataBuffer());
    }
  }

  /**
   * Legacy channel-1 login as old clients send it (reference {@code cli_ident}, no TLV 0x4A); returns the TLVs
   * of the channel-4 reply and checks the server then closes.
   */
  static TlvChain legacyLogin(InetSocketAddress login, String uin, String password) throws Exception {
    return legacyLogin(login, uin, password, false);
  }

  /** Legacy channel-1 login, with TLV 0x4A = 1 (multi-connection flag) if {@code multiConnection}. */
  static TlvChain legacyLogin(InetSocketAddress login, String uin, String password, boolean multiConnection)
      throws Exception {
    try (TestFlapClient client = TestFlapClient.connect(login)) {
      client.next(FlapChannel.SIGNON);
      byte[] pw = password.getBytes(StandardCharsets.US_ASCII);
      byte[] roasted = new byte[pw.length];
      for (int i = 0; i < pw.length; i++) {
        roasted[i] = (byte) (pw[i] ^ ROAST[i % 16]);
      }
      TlvChain ident = TlvChain.of(Tlv.ofAscii(0x01, uin), Tlv.ofBytes(0x02, roasted),
          Tlv.ofAscii(0x03, "ICQ Inc. - Product of ICQ (TM).2000b.4.65.1.3281.85"), Tlv.ofU16(0x16, 0x010A));
      client.sendSignOn(multiConnection ? ident.with(Tlv.ofU8(0x4A, 1)) : ident);
      FlapFrame reply = client.next(FlapChannel.SIGNOFF);
      client.awaitClosed();
      return TlvChain.readChain(io.netty.buffer.Unpooled.wrappedBuffer(reply.payload()));
    }
  }

  static byte[] cookie(TlvChain loginReply) {
    assertTrue(loginReply.contains(0x06), "login reply without cookie: " + loginReply);
    return loginReply.bytes(0x06).orElseThrow();
  }

  /** Connects to BOS with the cookie and sends it; returns once 01/03 arrived. */
  static TestFlapClient connectBos(OscarSimulator simulator, byte[] cookie) throws Exception {
    TestFlapClient bos = TestFlapClient.connect(simulator.bosAddress());
    bos.next(FlapChannel.SIGNON);
    bos.sendSignOn(TlvChain.of(Tlv.ofBytes(0x06, cookie)));
    bos.awaitSnac(0x01, 0x03);
    return bos;
  }

  /** The whole sign-on of reference {@code login} example #1, up to and including 01/02 client ready. */
  static TestFlapClient signOn(OscarSimulator simulator, String uin, String password) throws Exception {
    TestFlapClient bos = connectBos(simulator, cookie(md5Login(simulator.loginAddress(), uin, password, false)));
    bos.send(0x01, 0x17, out -> {
      for (int family : new int[] {0x01, 0x13, 0x02, 0x03, 0x15, 0x04, 0x09}) {
        out.writeShort(family);
        out.writeShort(family == 0x01 ? 3 : family == 0x13 ? 2 : 1);
      }
    });
    bos.awaitSnac(0x01, 0x18);
    bos.send(0x01, 0x06);
    bos.awaitSnac(0x01, 0x07);
    bos.send(0x01, 0x08, out -> {
      for (int id = 1; id <= 5; id++) {
        out.writeShort(id);
      }
    });
    bos.send(0x01, 0x0E);
    bos.awaitSnac(0x01, 0x0F);
    bos.send(0x13, 0x02);
    bos.send(0x13, 0x05, out -> {
      out.writeInt(0);
      out.writeShort(0);
    });
    bos.send(0x02, 0x02);
    bos.send(0x03, 0x02);
    bos.send(0x04, 0x04);
    bos.send(0x09, 0x02);
    bos.awaitSnac(0x02, 0x03);
    bos.awaitSnac(0x03, 0x03);
    bos.awaitSnac(0x04, 0x05);
    bos.awaitSnac(0x09, 0x03);
    bos.awaitSnac(0x13, 0x03);
    bos.awaitSnac(0x13, 0x06);
    bos.send(0x13, 0x07);
    bos.send(0x04, 0x02, out -> {
      out.writeShort(0);
      out.writeInt(0x0B);
      out.writeShort(8000);
      out.writeShort(999);
      out.writeShort(999);
      out.writeShort(0);
      out.writeShort(0);
    });
    bos.send(0x01, 0x1E, out -> TlvChain.of(Tlv.ofU32(0x06, 0x0000_0000)).writeChain(out));
    bos.awaitSnac(0x01, 0x0F);
    bos.send(0x01, 0x02, out -> {
      for (int family : new int[] {0x01, 0x13, 0x02, 0x03, 0x15, 0x04, 0x09}) {
        out.writeShort(family);
        out.writeShort(family == 0x01 ? 3 : 1);
        out.writeShort(0x0110);
        out.writeShort(0x047B);
      }
    });
    return bos;
  }
}
