package net.icqtransport.oscar.icq;

import static net.icqtransport.oscar.icq.FakeBosPeer.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.icqtransport.oscar.HexDump;
import net.icqtransport.oscar.MessagingDumps;
import net.icqtransport.oscar.icq.RecordingListener.Message;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.icbm.IcbmClientAck;
import net.icqtransport.oscar.snac.icbm.IcbmRendezvous;
import net.icqtransport.oscar.snac.icbm.IcqMessageTypes;
import net.icqtransport.oscar.snac.icbm.IcqServerRelayMessage;
import net.icqtransport.oscar.snac.location.Capability;
import net.icqtransport.oscar.tlv.Tlv;
import org.junit.jupiter.api.Test;

/** Incoming channel-2 ICQ messages (04/07 with TLV 0x2711): charset choice and the 04/0B acknowledgement. */
class IcqChannel2MessagesTest {
  private static final Charset CP1251 = Charset.forName("windows-1251");
  private static final String TEXT = "Привет 😀";

  private final FakeBosPeer peer = new FakeBosPeer(List.of(), CP1251);

  /** Colours and the UTF-8 capability string, as ICQ 2003b puts them after the text. */
  private static byte[] utf8Trailer() {
    byte[] guid = Capability.UTF8.guidString().getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(12 + guid.length).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(0).putInt(0x00FFFFFF).putInt(guid.length).put(guid).array();
  }

  private void receive(long cookie, byte[] text, byte[] trailer, List<Tlv> senderInfo) {
    IcqServerRelayMessage message = IcqServerRelayMessage.of(0xFFF9, IcqMessageTypes.PLAIN, 0, 0, 0x21, text,
        trailer);
    peer.receiveIcbm(cookie, 2, "222222", senderInfo,
        Tlv.ofBytes(0x05, IcbmRendezvous.serverRelay(cookie, message).toBytes()));
  }

  private void assertAcknowledged(long cookie) {
    IcbmClientAck ack = IcbmClientAck.decode(peer.sent(SnacType.ICBM_CLIENT_ACK));
    assertEquals(cookie, ack.cookie());
    assertEquals(2, ack.channel());
    assertEquals("222222", ack.screenName());
    assertEquals(IcbmClientAck.REASON_CHANNEL_SPECIFIC, ack.reason());
    IcqServerRelayMessage body = IcqServerRelayMessage.decode(ack.data());
    assertEquals(IcqMessageTypes.PLAIN, body.messageType());
    assertEquals(0xFFF9, body.counter());
    assertEquals(0, body.text().length);
  }

  @Test
  void utf8MarkedInTheMessageIsReadAsUtf8AndAcknowledged() throws Exception {
    receive(7, TEXT.getBytes(StandardCharsets.UTF_8), utf8Trailer(), List.of());
    Message message = peer.listener.await(Message.class);
    assertEquals(id("222222"), message.from());
    assertEquals(TEXT, message.text());
    assertAcknowledged(7);
    peer.finish();
  }

  @Test
  void utf8AnnouncedInTheSendersCapabilitiesIsReadAsUtf8() throws Exception {
    receive(8, TEXT.getBytes(StandardCharsets.UTF_8), new byte[0],
        List.of(Tlv.ofBytes(0x0D, Capability.UTF8.guid())));
    assertEquals(TEXT, peer.listener.await(Message.class).text());
    assertAcknowledged(8);
    peer.finish();
  }

  @Test
  void otherwiseTheLegacyCodepageIsUsed() throws Exception {
    receive(9, "Привет".getBytes(CP1251), new byte[0], List.of());
    assertEquals("Привет", peer.listener.await(Message.class).text());
    assertAcknowledged(9);
    peer.finish();
  }

  @Test
  void theReferenceRtfMessageIsPassedOnAndAcknowledged() throws Exception {
    Snac dumped = Snac.decode(HexDump.flapPayload(MessagingDumps.ICBM_RECEIVE_CH2));
    peer.receive(dumped);
    assertTrue(peer.listener.await(Message.class).text().startsWith("{\\rtf1"));
    IcbmClientAck ack = IcbmClientAck.decode(peer.sent(SnacType.ICBM_CLIENT_ACK));
    assertEquals(0x7095A000261F0000L, ack.cookie());
    assertEquals("1234567", ack.screenName());
    peer.finish();
  }

  @Test
  void brokenOrForeignRendezvousAreSkippedAndTheSessionGoesOn() throws Exception {
    IcqServerRelayMessage message = IcqServerRelayMessage.of(1, IcqMessageTypes.PLAIN, 0, 0, 0, new byte[] {'x'},
        new byte[0]);
    byte[] whole = IcbmRendezvous.serverRelay(5, message).toBytes();
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 4);
    peer.receiveIcbm(5, 2, "222222", List.of(), Tlv.ofBytes(0x05, cut));
    // A file-transfer proposal (another capability) and a cancel are not messages.
    IcbmRendezvous fileTransfer = new IcbmRendezvous(0, 6, new byte[16], net.icqtransport.oscar.tlv.TlvChain.empty());
    peer.receiveIcbm(6, 2, "222222", List.of(), Tlv.ofBytes(0x05, fileTransfer.toBytes()));
    peer.assertNothingSent();
    receive(10, "fine".getBytes(CP1251), new byte[0], List.of());
    assertEquals("fine", peer.listener.await(Message.class).text());
    assertAcknowledged(10);
    assertTrue(peer.channel.isOpen());
    peer.finish();
  }
}
