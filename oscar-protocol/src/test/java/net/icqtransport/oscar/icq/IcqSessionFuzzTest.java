package net.icqtransport.oscar.icq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import net.icqtransport.oscar.Dumps;
import net.icqtransport.oscar.MessagingDumps;
import net.icqtransport.oscar.fuzz.ByteMutations;
import net.icqtransport.oscar.icq.RecordingListener.Closed;
import net.icqtransport.oscar.icq.RecordingListener.Message;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.icq.MetaDumps;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes a logged-in {@link IcqSession} with mutated server SNACs of every kind it acts on (messages on
 * channels 1, 2 and 4 with their ICQ message types, offline messages, META replies, SSI, presence, typing):
 * a SNAC that does not parse is skipped, so the session must neither end nor break its listener contract,
 * and the next good message must still arrive. Anything but {@code OscarProtocolException} escaping a parser
 * would end the session as PROTOCOL_ERROR (FlapClientHandler), which this property catches.
 */
class IcqSessionFuzzTest {
  private static final List<Snac> GOLDEN = Stream.of(Dumps.ICBM_RECEIVE_CH1, MessagingDumps.ICBM_RECEIVE_CH2,
          MessagingDumps.ICBM_RECEIVE_CH4, MessagingDumps.ICBM_TYPING, MessagingDumps.ICBM_CLIENT_ACK,
          Dumps.ICBM_ACK, Dumps.ICBM_ERROR, Dumps.BUDDY_ONLINE, Dumps.BUDDY_OFFLINE, Dumps.SSI_LIST,
          MessagingDumps.SSI_ADD, MessagingDumps.SSI_UPDATE, MessagingDumps.SSI_DELETE,
          MessagingDumps.SSI_EDIT_RESULT, MessagingDumps.SSI_AUTH_REQUEST_RECEIVED,
          MessagingDumps.SSI_AUTH_REPLY_RECEIVED, MessagingDumps.SSI_YOU_WERE_ADDED,
          MessagingDumps.OFFLINE_MESSAGE, MessagingDumps.OFFLINE_END, MetaDumps.BASIC_INFO,
          MetaDumps.SHORT_INFO_REPLY, MetaDumps.USER_FOUND)
      .map(hex -> Snac.decode(Dumps.flapPayload(hex))).toList();

  @Property
  void aBadSnacIsSkippedAndTheSessionGoesOn(@ForAll("badSnacs") List<Snac> snacs) throws Exception {
    FakeBosPeer peer = new FakeBosPeer(List.of());
    for (Snac snac : snacs) {
      peer.receive(snac);
      peer.drainSent();
      for (RecordingListener.Event event : peer.listener.drain()) {
        if (event instanceof Closed closed) {
          throw new AssertionError("the session ended on " + describe(snacs) + ": " + closed);
        }
      }
    }
    peer.receive(Snac.decode(Dumps.flapPayload(Dumps.ICBM_RECEIVE_CH1)));
    Message message = peer.listener.await(Message.class);
    assertEquals("test plain-text message", message.text());
    peer.finish();
  }

  @Provide
  Arbitrary<List<Snac>> badSnacs() {
    Arbitrary<Snac> bad = Arbitraries.of(GOLDEN).flatMap(golden -> ByteMutations.mutated(golden.data())
        .map(data -> new Snac(golden.family(), golden.subtype(), golden.flags(), golden.requestId(), data)));
    return bad.list().ofMinSize(1).ofMaxSize(4);
  }

  private static String describe(List<Snac> snacs) {
    return snacs.stream().map(s -> s + " " + HexFormat.of().formatHex(s.data())).toList().toString();
  }
}
