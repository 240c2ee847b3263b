package net.icqtransport.oscar.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayList;
import java.util.List;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.flap.FlapFrameDecoder;
import org.junit.jupiter.api.Test;

class FlapConnectionTest {
  private final List<Object> events = new ArrayList<>();

  private final FlapConnection.Listener recorder = new FlapConnection.Listener() {
    @Override
    public void frameReceived(FlapConnection connection, FlapFrame frame) {
      events.add(frame);
    }

    @Override
    public void connectionEnded(FlapConnection connection, FlapConnection.End end, Throwable cause) {
      events.add(end);
      if (cause != null) {
        events.add(cause);
      }
    }
  };

  private EmbeddedChannel channel(boolean withDecoder) {
    EmbeddedChannel channel = new EmbeddedChannel();
    FlapConnection connection = FlapConnection.attach(channel, recorder);
    if (withDecoder) {
      channel.pipeline().addLast(OscarPipeline.FLAP_DECODER, new FlapFrameDecoder(FlapFrame.MAX_PAYLOAD));
    }
    channel.pipeline().addLast(OscarPipeline.CONNECTION, new FlapClientHandler(connection));
    return channel;
  }

  @Test
  void writerIdleSendsAnEmptyKeepalive() {
    EmbeddedChannel channel = channel(false);
    channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_WRITER_IDLE_STATE_EVENT);
    FlapFrame keepalive = channel.readOutbound();
    assertEquals(FlapChannel.KEEPALIVE, keepalive.channel());
    assertEquals(0, keepalive.payloadLength());
    channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
    assertNull(channel.readOutbound());
    assertFalse(channel.finish());
  }

  @Test
  void framesReachTheListener() {
    EmbeddedChannel channel = channel(true);
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x2A, 5, 0, 1, 0, 0}));
    assertEquals(List.of(new FlapFrame(FlapChannel.KEEPALIVE, 1, new byte[0])), events);
    assertFalse(channel.finish());
  }

  @Test
  void badBytesEndTheConnectionOnceAsAProtocolError() {
    EmbeddedChannel channel = channel(true);
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x2A, 9, 0, 1, 0, 0, 0x2A, 5, 0, 2, 0, 0}));
    assertEquals(FlapConnection.End.PROTOCOL_ERROR, events.get(0));
    assertInstanceOf(OscarProtocolException.class, events.get(1));
    assertEquals(2, events.size());
    assertFalse(channel.isOpen());
    assertFalse(channel.finish());
  }

  @Test
  void remoteCloseEndsTheConnectionOnce() {
    EmbeddedChannel channel = channel(true);
    channel.close();
    assertEquals(List.of(FlapConnection.End.CLOSED), events);
    assertFalse(channel.finish());
  }

  @Test
  void closingFromThisSideReportsNothing() {
    EmbeddedChannel channel = new EmbeddedChannel();
    FlapConnection connection = FlapConnection.attach(channel, recorder);
    channel.pipeline().addLast(new FlapClientHandler(connection));
    connection.signOff();
    FlapFrame signOff = channel.readOutbound();
    assertEquals(FlapChannel.SIGNOFF, signOff.channel());
    assertFalse(channel.isOpen());
    assertEquals(List.of(), events);
    assertFalse(channel.finish());
  }

  @Test
  void requestIdsCountUpFromOne() {
    FlapConnection connection = FlapConnection.attach(new EmbeddedChannel(), recorder);
    assertEquals(1, connection.nextRequestId());
    assertEquals(2, connection.nextRequestId());
  }
}
