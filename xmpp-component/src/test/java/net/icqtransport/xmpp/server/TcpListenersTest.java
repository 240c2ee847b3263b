package net.icqtransport.xmpp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.net.StandardProtocolFamily;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Finding the holder of a listening port through /proc (Linux, where the sandbox runs). */
class TcpListenersTest {

  @Test
  void aListenerOnLoopbackIsFoundWithThisProcessAsItsHolder() throws Exception {
    assertTrue(TcpListeners.available(), "/proc/net/tcp is readable on Linux");
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      List<TcpListeners.Listener> listeners = TcpListeners.on(socket.getLocalPort());

      assertEquals(1, listeners.size(), listeners.toString());
      assertEquals(Optional.of(ProcessHandle.current().pid()), listeners.get(0).pid());
      assertTrue(TcpListeners.socketsOf(ProcessHandle.current().pid()).contains(listeners.get(0).inode()));
      assertTrue(listeners.get(0).owner(socket.getLocalPort()).startsWith("PID " + ProcessHandle.current().pid() + " ("),
          listeners.get(0).owner(socket.getLocalPort()));
    }
  }

  /** Prosody's sockets are IPv4 ones (in /proc/net/tcp; Java's above are IPv6 ones in /proc/net/tcp6). */
  @Test
  void anIpv4ListenerIsFoundToo() throws Exception {
    try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
      channel.bind(new InetSocketAddress("127.0.0.1", 0), 1);
      int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();

      List<TcpListeners.Listener> listeners = TcpListeners.on(port);

      assertEquals(1, listeners.size(), listeners.toString());
      assertEquals(Optional.of(ProcessHandle.current().pid()), listeners.get(0).pid());
    }
  }

  @Test
  void aClosedPortHasNoListener() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    assertFalse(TcpListeners.on(port).stream().anyMatch(l -> l.pid().equals(Optional.of(ProcessHandle.current().pid()))));
  }
}
