package net.icqtransport.oscar.icq;

import static net.icqtransport.oscar.icq.FakeBosPeer.id;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import net.icqtransport.core.legacy.MessageRejectedException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.icbm.IcbmChannel1Send;
import net.icqtransport.oscar.snac.icbm.IcbmMessageText;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.Test;

/**
 * Text to a contact: SNAC(04,06) on channel 1 asking for the server's ack (TLV 0x03) and for storage while the
 * recipient is offline (TLV 0x06, iserverd snac_04_06_ch1); the server's 04/0C settles it whether the message was
 * delivered or stored, only an 04/01 refusal fails it.
 */
class IcqSessionSendMessageTest {
  private static final String BOB = "222222";

  private final FakeBosPeer peer = new FakeBosPeer(List.of());

  /** A sent ICBM as the server reads it. */
  private record Sent(long requestId, long cookie, int channel, String recipient, TlvChain tlvs) {
    static Sent of(Snac snac) {
      ByteBuf in = snac.dataBuffer();
      long cookie = in.readLong();
      int channel = in.readUnsignedShort();
      String recipient = SnacIo.readScreenName(in);
      return new Sent(snac.requestId(), cookie, channel, recipient, TlvChain.readChain(in));
    }

    List<Integer> tlvTypes() {
      return tlvs.tlvs().stream().map(Tlv::type).toList();
    }
  }

  private void ack(Sent sent) {
    peer.receive(new Snac(0x04, 0x0C, 0, sent.requestId(), ackData(sent)));
  }

  private static byte[] ackData(Sent sent) {
    ByteBuf out = Unpooled.buffer();
    out.writeLong(sent.cookie());
    out.writeShort(sent.channel());
    SnacIo.writeScreenName(out, sent.recipient());
    byte[] data = new byte[out.readableBytes()];
    out.readBytes(data);
    return data;
  }

  private void refuse(Sent sent, int code) {
    peer.receive(new Snac(0x04, 0x01, 0, sent.requestId(), new byte[] {(byte) (code >> 8), (byte) code}));
  }

  @Test
  void asksTheServerToStoreTheMessageAndTakesItsAckAsSuccess() throws Exception {
    CompletableFuture<Void> sending = peer.session.sendMessage(id(BOB), "Grüße, Привет 😀");
    Sent sent = Sent.of(peer.sent(SnacType.ICBM_SEND));
    assertEquals(1, sent.channel());
    assertEquals(BOB, sent.recipient());
    assertEquals(List.of(0x02, 0x03, 0x06), sent.tlvTypes());
    assertEquals(0, sent.tlvs().bytes(0x06).orElseThrow().length, "TLV 0x06 is empty");
    Sent plain = Sent.of(new IcbmChannel1Send(0, BOB, IcbmMessageText.of("Grüße, Привет 😀"), false, false).toSnac(1));
    assertArrayEquals(plain.tlvs().bytes(0x02).orElseThrow(), sent.tlvs().bytes(0x02).orElseThrow());
    assertFalse(sending.isDone());

    ack(sent); // stored for an offline Bob, or delivered: the server does not say which
    assertNull(peer.result(sending));
    peer.finish();
  }

  @Test
  void everyPartOfALongMessageAsksForStorage() throws Exception {
    CompletableFuture<Void> sending = peer.session.sendMessage(id(BOB), "x".repeat(12_000));
    Sent first = Sent.of(peer.sent(SnacType.ICBM_SEND));
    Sent second = Sent.of(peer.sent(SnacType.ICBM_SEND));
    assertEquals(List.of(0x02, 0x03, 0x06), first.tlvTypes());
    assertEquals(List.of(0x02, 0x03, 0x06), second.tlvTypes());
    ack(first);
    assertFalse(sending.isDone());
    ack(second);
    assertNull(peer.result(sending));
    peer.finish();
  }

  @Test
  void whatTheServerRefusesIsStillBounced() {
    CompletableFuture<Void> sending = peer.session.sendMessage(id("987654"), "to nobody");
    Sent sent = Sent.of(peer.sent(SnacType.ICBM_SEND));
    assertEquals(List.of(0x02, 0x03, 0x06), sent.tlvTypes());
    refuse(sent, 0x0004); // not logged on, and not stored (no such account, or its offline inbox is full)
    ExecutionException e = assertThrows(ExecutionException.class, () -> peer.result(sending));
    MessageRejectedException rejected = assertInstanceOf(MessageRejectedException.class, e.getCause());
    assertEquals(MessageRejectedException.Reason.RECIPIENT_UNAVAILABLE, rejected.reason());
    peer.finish();
  }
}
