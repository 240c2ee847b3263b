package net.icqtransport.oscar.icq;

import static net.icqtransport.oscar.icq.FakeBosPeer.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import java.util.List;
import net.icqtransport.core.legacy.AvatarId;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.TypingState;
import net.icqtransport.oscar.icq.RecordingListener.Status;
import net.icqtransport.oscar.icq.RecordingListener.Typing;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.icbm.IcbmTyping;
import net.icqtransport.oscar.tlv.Tlv;
import org.junit.jupiter.api.Test;

/** Typing notifications (04/14) both ways, and contact presence with the avatar hash of user-info TLV 0x1D. */
class IcqTypingAndPresenceTest {
  private final FakeBosPeer peer = new FakeBosPeer(List.of());

  @Test
  void sendsTypingNotices() {
    peer.session.sendTyping(id("222222"), TypingState.TYPING);
    peer.session.sendTyping(id("222222"), TypingState.PAUSED);
    peer.session.sendTyping(id("222222"), TypingState.STOPPED);
    assertEquals(new IcbmTyping(1, "222222", IcbmTyping.BEGUN), IcbmTyping.decode(peer.sent(SnacType.ICBM_TYPING)));
    assertEquals(new IcbmTyping(1, "222222", IcbmTyping.TYPED), IcbmTyping.decode(peer.sent(SnacType.ICBM_TYPING)));
    assertEquals(new IcbmTyping(1, "222222", IcbmTyping.FINISHED),
        IcbmTyping.decode(peer.sent(SnacType.ICBM_TYPING)));
    peer.finish();
  }

  @Test
  void reportsTypingNotices() throws Exception {
    peer.receive(new IcbmTyping(1, "222222", IcbmTyping.BEGUN).toSnac(1));
    assertEquals(new Typing(id("222222"), TypingState.TYPING), peer.listener.await(Typing.class));
    peer.receive(new IcbmTyping(1, "222222", IcbmTyping.TYPED).toSnac(2));
    assertEquals(TypingState.PAUSED, peer.listener.await(Typing.class).state());
    peer.receive(new IcbmTyping(1, "222222", IcbmTyping.FINISHED).toSnac(3));
    assertEquals(TypingState.STOPPED, peer.listener.await(Typing.class).state());
    peer.finish();
  }

  @Test
  void presenceCarriesTheBuddyIconHash() throws Exception {
    byte[] md5 = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    byte[] bart = new byte[4 + 16];
    bart[1] = 0x01; // type 0x0001 buddy icon
    bart[2] = 0x01; // flags
    bart[3] = 16;
    System.arraycopy(md5, 0, bart, 4, 16);
    peer.receive(SnacType.BUDDY_ONLINE, out -> {
      SnacIo.writeScreenName(out, "222222");
      out.writeShort(0);
      out.writeShort(2);
      Tlv.ofU32(0x06, 0x0001).writeTo(out);
      Tlv.ofBytes(0x1D, bart).writeTo(out);
    });
    assertEquals(new Status(id("222222"), LegacyStatus.AWAY, AvatarId.of(md5)), peer.listener.await(Status.class));
    peer.receive(SnacType.BUDDY_ONLINE, out -> {
      SnacIo.writeScreenName(out, "333333");
      out.writeShort(0);
      out.writeShort(1);
      Tlv.ofBytes(0x1D, new byte[] {0, 1, 0, 5, 2, 1, (byte) 0xD2, 4, 0x72}).writeTo(out);
    });
    assertNull(peer.listener.await(Status.class).avatar(), "the 5-byte placeholder is no icon");
    peer.finish();
  }
}
