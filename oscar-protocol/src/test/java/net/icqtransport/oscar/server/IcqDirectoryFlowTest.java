package net.icqtransport.oscar.server;

import static net.icqtransport.oscar.server.FlowSupport.metaChunk;
import static net.icqtransport.oscar.server.FlowSupport.metaRequest;
import static net.icqtransport.oscar.server.FlowSupport.readLeString;
import static net.icqtransport.oscar.server.FlowSupport.writeLeString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.icqtransport.oscar.snac.Snac;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Family 0x15 meta requests: full and short info, and every search kind, with "not found" (icq_search). */
class IcqDirectoryFlowTest {
  private static final String ALICE = "111111";
  private static final long ALICE_UIN = 111111;

  private OscarSimulator simulator;
  private TestFlapClient alice;

  @BeforeEach
  void start() throws Exception {
    simulator = OscarSimulator.builder()
        .account(ALICE, "alicepw").account("222222", "x").account("333333", "y")
        .details("222222", "Bobby", "Bob", "Builder", "bob@example.org", "Berlin", 49, 33, 2, "I build", "http://b.example",
            false)
        .details("333333", "Caz", "Carol", "Builder", "carol@example.org", "Paris", 33, 29, 1, "", "", true)
        .start();
    alice = TestLogins.signOn(simulator, ALICE, "alicepw");
  }

  @AfterEach
  void stop() {
    alice.close();
    simulator.close();
  }

  @Test
  void fullInfoInTheReferenceOrderWithMoreFlags() throws Exception {
    long id = metaRequest(alice, ALICE_UIN, 0x07D0, 3, 0x04D0, out -> out.writeIntLE(222222));
    List<Integer> subtypes = new ArrayList<>();
    List<Integer> flags = new ArrayList<>();
    ByteBuf basic = null;
    ByteBuf notes = null;
    for (int i = 0; i < 8; i++) {
      Snac reply = alice.awaitSnac(0x15, 0x03);
      assertEquals(id, reply.requestId());
      ByteBuf in = header(reply, 3);
      int subtype = in.readUnsignedShortLE();
      subtypes.add(subtype);
      flags.add(reply.flags());
      assertEquals(0x0A, in.readUnsignedByte());
      if (subtype == 0x00C8) {
        basic = in;
      } else if (subtype == 0x00E6) {
        notes = in;
      }
    }
    assertEquals(List.of(0x00C8, 0x00DC, 0x00EB, 0x010E, 0x00D2, 0x00E6, 0x00F0, 0x00FA), subtypes);
    assertEquals(List.of(1, 1, 1, 1, 1, 1, 1, 0), flags);
    assertEquals(List.of("Bobby", "Bob", "Builder", "bob@example.org", "Berlin"),
        List.of(readLeString(basic), readLeString(basic), readLeString(basic), readLeString(basic), readLeString(basic)));
    assertEquals("I build", readLeString(notes));
  }

  @Test
  void fullInfoOfUnknownUinIsOneFailedBasicInfo() throws Exception {
    metaRequest(alice, ALICE_UIN, 0x07D0, 4, 0x04B2, out -> out.writeIntLE(987654));
    Snac reply = alice.awaitSnac(0x15, 0x03);
    assertEquals(0, reply.flags());
    ByteBuf in = header(reply, 4);
    assertEquals(0x00C8, in.readUnsignedShortLE());
    assertEquals(0x32, in.readUnsignedByte());
    assertEquals(0, in.readableBytes());
  }

  @Test
  void shortInfo() throws Exception {
    metaRequest(alice, ALICE_UIN, 0x07D0, 5, 0x04BA, out -> out.writeIntLE(333333));
    ByteBuf in = header(alice.awaitSnac(0x15, 0x03), 5);
    assertEquals(0x0104, in.readUnsignedShortLE());
    assertEquals(0x0A, in.readUnsignedByte());
    assertEquals(List.of("Caz", "Carol", "Builder", "carol@example.org"),
        List.of(readLeString(in), readLeString(in), readLeString(in), readLeString(in)));
    assertEquals(1, in.readUnsignedByte(), "authorization required");
    in.readUnsignedByte();
    assertEquals(1, in.readUnsignedByte(), "gender");
  }

  @Test
  void everySearchKind() throws Exception {
    assertEquals(List.of(222222L), search(0x051F, out -> out.writeIntLE(222222)));
    assertEquals(List.of(333333L), search(0x0569, out -> out.writeShortLE(0x0136).writeShortLE(4).writeIntLE(333333)));
    assertEquals(List.of(222222L), search(0x0529, out -> writeLeString(out, "BOB@example.org")));
    assertEquals(List.of(333333L), search(0x0573, out -> leTlv(out, 0x015E, v -> writeLeString(v, "carol@example.org"))));
    assertEquals(List.of(222222L, 333333L), search(0x0515, out -> {
      writeLeString(out, "");
      writeLeString(out, "Builder");
      writeLeString(out, "");
    }));
    assertEquals(List.of(333333L), search(0x0533, out -> {
      for (String s : new String[] {"", "builder", "", ""}) {
        writeLeString(out, s);
      }
      out.writeShortLE(25).writeShortLE(30).writeByte(0).writeByte(0);
      writeLeString(out, "");
    }));
    assertEquals(List.of(222222L), search(0x055F, out -> {
      leTlv(out, 0x0190, v -> writeLeString(v, "Berlin"));
      leTlv(out, 0x017C, v -> v.writeByte(2));
    }));
    assertEquals(List.of(), search(0x0529, out -> writeLeString(out, "nobody@example.org")));
  }

  @Test
  void unsupportedMetaRequestGetsTheProcessingError() throws Exception {
    metaRequest(alice, ALICE_UIN, 0x07D0, 6, 0x1482, out -> { });
    ByteBuf in = header(alice.awaitSnac(0x15, 0x03), 6);
    assertEquals(0x0001, in.readUnsignedShortLE());
    assertEquals(0x46, in.readUnsignedByte());
  }

  /** Found UINs in reply order; asserts 0x01A4 ... 0x01AE (users left 0), or a lone 0x01AE with 0x32. */
  private List<Long> search(int subtype, Consumer<ByteBuf> body) throws InterruptedException {
    long id = metaRequest(alice, ALICE_UIN, 0x07D0, 9, subtype, body);
    List<Long> found = new ArrayList<>();
    while (true) {
      Snac reply = alice.awaitSnac(0x15, 0x03);
      assertEquals(id, reply.requestId());
      ByteBuf in = header(reply, 9);
      int replySubtype = in.readUnsignedShortLE();
      int status = in.readUnsignedByte();
      boolean last = replySubtype == 0x01AE;
      assertEquals(last ? 0 : 1, reply.flags());
      if (status != 0x0A) {
        assertEquals(0x32, status);
        assertEquals(0x01AE, replySubtype);
        return found;
      }
      int size = in.readUnsignedShortLE();
      assertEquals(in.readableBytes() - 4, size, "size as in the dumps");
      found.add(in.readUnsignedIntLE());
      for (int i = 0; i < 4; i++) {
        readLeString(in);
      }
      in.skipBytes(6);
      if (last) {
        assertEquals(0, in.readUnsignedIntLE(), "users left");
        return found;
      }
      assertEquals(0x01A4, replySubtype);
    }
  }

  private static ByteBuf header(Snac reply, int sequence) {
    ByteBuf in = metaChunk(reply);
    assertEquals(ALICE_UIN, in.readUnsignedIntLE());
    assertEquals(0x07DA, in.readUnsignedShortLE());
    assertEquals(sequence, in.readUnsignedShortLE());
    return in;
  }

  private static void leTlv(ByteBuf out, int type, Consumer<ByteBuf> value) {
    ByteBuf v = Unpooled.buffer();
    value.accept(v);
    out.writeShortLE(type).writeShortLE(v.readableBytes()).writeBytes(v);
  }
}
