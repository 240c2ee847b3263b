package net.icqtransport.oscar.icq;

import static net.icqtransport.oscar.HexDump.toHex;
import static net.icqtransport.oscar.icq.FakeBosPeer.id;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.location.Capability;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.Test;

/**
 * Issue #16: the session picks each channel-1 text's charset by recipient, as AIM-era clients did. ASCII text
 * is ASCII for everyone; other text is UTF-16BE for ICQ numbers and for AIM contacts that announced the unicode
 * capability (0946134E), ISO-8859-1 for AIM contacts that did not when it fits, and UTF-16BE again when it does
 * not (never lossy). The bytes checked are TLV 0x02 as sent (golden).
 */
class IcbmCharsetPerContactTest {
  private static final String CAPS = "0501000101";

  private final FakeBosPeer peer = new FakeBosPeer(List.of());

  /** TLV 0x02 of each ICBM the session sent for one message. */
  private List<String> send(String to, String text) {
    peer.session.sendMessage(id(to), text);
    List<String> data = new ArrayList<>();
    for (Snac snac : peer.drainSent()) {
      if (snac.is(SnacType.ICBM_SEND)) {
        ByteBuf in = snac.dataBuffer();
        in.skipBytes(10);
        assertEquals(to, SnacIo.readScreenName(in));
        data.add(toHex(TlvChain.readChain(in).bytes(0x02).orElseThrow()));
      }
    }
    return data;
  }

  /** 03/0B for {@code contact}: with the capability list {@code caps}, or without TLV 0x0D when null. */
  private void online(String contact, Capability... caps) {
    peer.receive(SnacType.BUDDY_ONLINE, out -> {
      SnacIo.writeScreenName(out, contact);
      out.writeShort(0);
      out.writeShort(2);
      Tlv.ofU32(0x06, 0).writeTo(out);
      ByteBuf guids = io.netty.buffer.Unpooled.buffer();
      for (Capability cap : caps) {
        guids.writeBytes(cap.guid());
      }
      byte[] bytes = new byte[guids.readableBytes()];
      guids.readBytes(bytes);
      Tlv.ofBytes(0x0D, bytes).writeTo(out);
    });
  }

  private static String text(int charset, int language, String bytesHex) {
    int length = 4 + bytesHex.length() / 2;
    return CAPS + String.format("0101%04x%04x%04x", length, charset, language) + bytesHex;
  }

  @Test
  void anAimContactNeverSeenOnlineGetsLatin1() {
    assertEquals(List.of(text(0x0003, 0, "4772fcdf65")), send("maryann", "Grüße"));
    peer.finish();
  }

  @Test
  void anAimContactWithoutTheUnicodeCapabilityGetsLatin1ButNeverLosesCharacters() {
    online("Joe User", Capability.ICQ_SERVER_RELAY, Capability.SEND_FILE);
    assertEquals(List.of(text(0x0003, 0, "e7612076612021")), send("joeuser", "ça va !"));
    // Cyrillic has no Latin-1 form: UTF-16BE rather than question marks.
    assertEquals(List.of(text(0x0002, 0, "041f04400438043204350442")), send("joeuser", "Привет"));
    // ASCII is ASCII (language 0xFFFF, as in the reference dumps).
    assertEquals(List.of(text(0x0000, 0xFFFF, "6869")), send("joeuser", "hi"));
    peer.finish();
  }

  @Test
  void anAimContactThatAnnouncedUnicodeGetsUtf16() {
    online("Mary Ann", Capability.UTF8);
    assertEquals(List.of(text(0x0002, 0, "0047007200fc00df0065")), send("maryann", "Grüße"));
    // Without the capability in a later notice it is Latin-1 again.
    online("Mary Ann", Capability.SEND_FILE);
    assertEquals(List.of(text(0x0003, 0, "4772fcdf65")), send("maryann", "Grüße"));
    peer.finish();
  }

  @Test
  void anIcqNumberGetsUtf16AsBefore() {
    online("222222");
    assertEquals(List.of(text(0x0002, 0, "0047007200fc00df0065")), send("222222", "Grüße"));
    peer.finish();
  }

  /** Latin-1 parts count one byte a char: 12000 é are two ICBMs to Latin-1 readers, three as UTF-16BE. */
  @Test
  void longTextIsSplitInTheRecipientsCharset() {
    assertEquals(2, send("maryann", "é".repeat(12_000)).size());
    online("Mary Ann", Capability.UTF8);
    assertEquals(3, send("maryann", "é".repeat(12_000)).size());
    peer.finish();
  }
}
