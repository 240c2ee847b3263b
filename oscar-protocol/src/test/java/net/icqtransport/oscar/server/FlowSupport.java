package net.icqtransport.oscar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.TlvChain;

/** Client-side packet shapes for the flow tests, written from the reference pages, independent of the server. */
final class FlowSupport {
  private FlowSupport() {}

  /** An SSI item as reference ssi_item lays it out. */
  static void writeItem(ByteBuf out, String name, int groupId, int itemId, int type, TlvChain data) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    out.writeShort(bytes.length);
    out.writeBytes(bytes);
    out.writeShort(groupId);
    out.writeShort(itemId);
    out.writeShort(type);
    ByteBuf tlvs = Unpooled.buffer();
    data.writeChain(tlvs);
    out.writeShort(tlvs.readableBytes());
    out.writeBytes(tlvs);
  }

  /** The u16 results of a 13/0E. */
  static List<Integer> results(Snac modAck) {
    ByteBuf in = modAck.dataBuffer();
    List<Integer> results = new ArrayList<>();
    while (in.isReadable()) {
      results.add(in.readUnsignedShort());
    }
    return results;
  }

  /** 15/02 with the little-endian chunk of reference snac_15_02 (meta subtype if {@code subtype >= 0}). */
  static long metaRequest(TestFlapClient client, long uin, int type, int sequence, int subtype, Consumer<ByteBuf> body) {
    ByteBuf chunk = Unpooled.buffer();
    chunk.writeShortLE(0);
    chunk.writeIntLE((int) uin);
    chunk.writeShortLE(type);
    chunk.writeShortLE(sequence);
    if (subtype >= 0) {
      chunk.writeShortLE(subtype);
    }
    body.accept(chunk);
    chunk.setShortLE(0, chunk.readableBytes() - 2);
    return client.send(0x15, 0x02, out -> {
      out.writeShort(0x0001);
      out.writeShort(chunk.readableBytes());
      out.writeBytes(chunk);
    });
  }

  /** The chunk of a 15/03, after its size field: a reader at the UIN. */
  static ByteBuf metaChunk(Snac reply) {
    byte[] chunk = TlvChain.readChain(reply.dataBuffer()).bytes(0x01).orElseThrow();
    ByteBuf in = Unpooled.wrappedBuffer(chunk);
    assertEquals(chunk.length - 2, in.readUnsignedShortLE(), "chunk size");
    return in;
  }

  /** An LE string with its NUL (reference snac_15_03_07da_00c8). */
  static void writeLeString(ByteBuf out, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeShortLE(bytes.length + 1);
    out.writeBytes(bytes);
    out.writeByte(0);
  }

  static String readLeString(ByteBuf in) {
    byte[] bytes = new byte[in.readUnsignedShortLE()];
    in.readBytes(bytes);
    assertEquals(0, bytes[bytes.length - 1], "NUL-terminated");
    return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
  }

  static String screenName(ByteBuf in) {
    byte[] bytes = new byte[in.readUnsignedByte()];
    in.readBytes(bytes);
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  static String screenName(Snac snac) {
    return screenName(snac.dataBuffer());
  }

  /** The TLVs of a user-info block (03/0B, 02/06), leaving the buffer after them. */
  static TlvChain userInfoTlvs(ByteBuf in) {
    in.skipBytes(in.readUnsignedByte() + 2);
    return TlvChain.readBlock(in);
  }

  static void writeScreenName(ByteBuf out, String name) {
    out.writeByte(name.length());
    out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
  }

  static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TestFlapClient.TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + TestFlapClient.TIMEOUT);
      }
      Thread.sleep(5);
    }
  }
}
