package net.icqtransport.oscar.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import net.icqtransport.oscar.Dumps;
import net.icqtransport.oscar.HexDump;
import net.icqtransport.oscar.MessagingDumps;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.flap.FlapFrameDecoder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes {@link FlapFrameDecoder} (FLAP framing, OSCAR "FLAP" section; iserverd flap header): streams of
 * several golden frames with mutations, and random bytes, cut into reads at random points. The decoder must
 * produce frames or raise {@link OscarProtocolException}, nothing else, and must release every buffer it
 * was handed (checked by reference count on pooled direct buffers, with Netty's leak detector on PARANOID).
 */
class FlapFrameDecoderFuzzTest {
  private static ResourceLeakDetector.Level previousLevel;

  @BeforeContainer
  static void paranoidLeakDetection() {
    previousLevel = ResourceLeakDetector.getLevel();
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
  }

  @AfterContainer
  static void restoreLeakDetection() {
    ResourceLeakDetector.setLevel(previousLevel);
  }

  @Property
  void framesOrProtocolErrorNeverAnythingElse(
      @ForAll("streams") byte[] stream,
      @ForAll @Size(max = 12) List<@IntRange(min = 1, max = 64) Integer> readSizes,
      @ForAll @IntRange(min = 0, max = FlapFrame.MAX_PAYLOAD) int maxPayload) {
    EmbeddedChannel channel = new EmbeddedChannel(new FlapFrameDecoder(maxPayload));
    List<ByteBuf> written = new ArrayList<>();
    Throwable failure = null;
    int offset = 0;
    int read = 0;
    try {
      while (offset < stream.length) {
        int size = readSizes.isEmpty() ? stream.length : readSizes.get(read++ % readSizes.size());
        size = Math.min(size, stream.length - offset);
        ByteBuf chunk = PooledByteBufAllocator.DEFAULT.directBuffer(size).writeBytes(stream, offset, size);
        written.add(chunk);
        offset += size;
        channel.writeInbound(chunk);
      }
    } catch (Throwable t) {
      failure = t;
    }
    if (failure != null) {
      Throwable cause = failure instanceof DecoderException && failure.getCause() != null
          ? failure.getCause() : failure;
      if (!(cause instanceof OscarProtocolException)) {
        throw new AssertionError("input " + HexFormat.of().formatHex(stream) + " raised " + failure, failure);
      }
      // After a failure the decoder swallows the rest of the connection without another exception.
      ByteBuf more = PooledByteBufAllocator.DEFAULT.directBuffer(4).writeBytes(new byte[] {0x2A, 0x02, 0, 0});
      written.add(more);
      channel.writeInbound(more);
    }
    Object frame;
    while ((frame = channel.readInbound()) != null) {
      FlapFrame f = assertInstanceOf(FlapFrame.class, frame);
      assertEquals(true, f.payload().length <= maxPayload, "payload within the limit");
    }
    channel.finishAndReleaseAll();
    for (ByteBuf buf : written) {
      assertEquals(0, buf.refCnt(), "every buffer handed to the decoder is released");
    }
  }

  @Provide
  Arbitrary<byte[]> streams() {
    List<byte[]> goldens = Stream.of(Dumps.AUTH_KEY_REPLY, Dumps.LOGIN_REPLY_SUCCESS, Dumps.SRV_COOKIE,
            Dumps.BUDDY_ONLINE, Dumps.ICBM_RECEIVE_CH1, MessagingDumps.ICBM_RECEIVE_CH2, Dumps.AUTH_FAILED)
        .map(HexDump::hex).toList();
    Arbitrary<byte[]> stream = Arbitraries.of(goldens).list().ofMinSize(1).ofMaxSize(4).map(list -> {
      int length = list.stream().mapToInt(b -> b.length).sum();
      byte[] out = new byte[length];
      int at = 0;
      for (byte[] b : list) {
        System.arraycopy(b, 0, out, at, b.length);
        at += b.length;
      }
      return out;
    });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, stream),
        net.jqwik.api.Tuple.of(4, stream.flatMap(ByteMutations::mutated)),
        net.jqwik.api.Tuple.of(1, ByteMutations.random(300)));
  }
}
