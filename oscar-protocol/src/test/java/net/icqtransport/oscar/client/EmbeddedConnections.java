package net.icqtransport.oscar.client;

import io.netty.channel.embedded.EmbeddedChannel;
import net.icqtransport.oscar.flap.FlapFrame;

/** For tests in other packages: a {@link FlapConnection} over an {@link EmbeddedChannel} that carries frames. */
public final class EmbeddedConnections {
  private static final FlapConnection.Listener NOBODY = new FlapConnection.Listener() {
    @Override
    public void frameReceived(FlapConnection connection, FlapFrame frame) {}

    @Override
    public void connectionEnded(FlapConnection connection, FlapConnection.End end, Throwable cause) {}
  };

  private EmbeddedConnections() {}

  /**
   * The channel gets the connection's handler; frames written inbound reach the connection's listener, frames
   * it sends can be read outbound as {@link FlapFrame}s (no byte encoder). Set the real listener with
   * {@link FlapConnection#setListener}.
   */
  public static FlapConnection attach(EmbeddedChannel channel) {
    FlapConnection connection = FlapConnection.attach(channel, NOBODY);
    channel.pipeline().addLast(OscarPipeline.CONNECTION, new FlapClientHandler(connection));
    return connection;
  }
}
