package net.icqtransport.xmpp.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;

/** Writing and closing a component stream on a real socket whose event loop may be busy. */
class NettyComponentLinkTest {
  private ServerSocket server;
  private Socket peer;
  private Channel channel;
  private NettyComponentLink link;

  @BeforeEach
  void connect() throws Exception {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    channel = new Bootstrap().group(Connectors.LOOPS).channel(NioSocketChannel.class)
        .handler(new ChannelInboundHandlerAdapter())
        .connect(server.getInetAddress(), server.getLocalPort()).sync().channel();
    peer = server.accept();
    peer.setSoTimeout(5_000);
    link = new NettyComponentLink(channel);
  }

  @AfterEach
  void disconnect() throws Exception {
    channel.close().sync();
    peer.close();
    server.close();
  }

  @Test
  void aBatchWrittenFromAnotherThreadIsOnTheSocketWhenWriteReturns() throws Exception {
    assertFalse(link.writesWithoutWaiting(), "the test's thread is not the channel's loop");

    assertEquals(2, link.write(List.of(message("m1", "one"), message("m2", "zwei ü"))));

    String expected = "<message id=\"m1\" to=\"1@icq.localhost\"><body>one</body></message>"
        + "<message id=\"m2\" to=\"1@icq.localhost\"><body>zwei ü</body></message>";
    assertEquals(expected, read(peer.getInputStream(), expected.getBytes(StandardCharsets.UTF_8).length));
  }

  @Test
  void closingDoesNotWaitForABusyEventLoop() throws Exception {
    // The component's stop closes the link while it holds the gate that the loop's reader may be waiting at: a
    // close that waited for the loop would never return.
    CountDownLatch release = new CountDownLatch(1);
    channel.eventLoop().execute(() -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      assertTimeoutPreemptively(Duration.ofSeconds(2), link::close);
      assertFalse(link.isOpen());
    } finally {
      release.countDown();
    }
    channel.closeFuture().await(5, TimeUnit.SECONDS);
    assertEquals(NettyComponentLink.STREAM_END, read(peer.getInputStream(), NettyComponentLink.STREAM_END.length()));
    assertEquals(0, link.write(List.of(message("m3", "too late"))), "nothing is written on a closed link");
  }

  private static Message message(String id, String body) {
    Message message = new Message();
    message.setID(id);
    message.setTo("1@icq.localhost");
    message.setBody(body);
    return message;
  }

  private static String read(InputStream in, int bytes) throws Exception {
    byte[] buffer = in.readNBytes(bytes);
    return new String(buffer, StandardCharsets.UTF_8);
  }
}
