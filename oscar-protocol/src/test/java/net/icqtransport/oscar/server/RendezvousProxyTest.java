package net.icqtransport.oscar.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.net.Socket;
import net.icqtransport.oscar.oft.OftProxyCommand;
import net.icqtransport.oscar.oft.OftProxyFrame;
import net.icqtransport.oscar.snac.location.Capability;
import org.junit.jupiter.api.Test;

/** The simulator's rendezvous proxy over TCP: pin, READY to both, bytes both ways, a wrong cookie refused. */
class RendezvousProxyTest {
  private static final byte[] CAP = Capability.SEND_FILE.guid();

  @Test
  void pairsSenderAndReceiverByPinAndCookie() throws Exception {
    try (OscarSimulator icq = OscarSimulator.builder().proxy().start();
        Socket sender = connect(icq.proxyAddress());
        Socket receiver = connect(icq.proxyAddress())) {
      sender.getOutputStream().write(OftProxyFrame.initiateSend("100001", 77, CAP).toBytes());
      OftProxyFrame ack = OftProxyFrame.read(sender.getInputStream());
      assertEquals(OftProxyCommand.ACKNOWLEDGE, ack.command());
      assertEquals("127.0.0.1", ack.address().getHostAddress());

      receiver.getOutputStream().write(OftProxyFrame.initiateReceive("100002", ack.pin(), 77, CAP).toBytes());
      assertEquals(OftProxyCommand.READY, OftProxyFrame.read(receiver.getInputStream()).command());
      assertEquals(OftProxyCommand.READY, OftProxyFrame.read(sender.getInputStream()).command());

      sender.getOutputStream().write("to receiver".getBytes());
      assertArrayEquals("to receiver".getBytes(), receiver.getInputStream().readNBytes(11));
      receiver.getOutputStream().write("to sender".getBytes());
      assertArrayEquals("to sender".getBytes(), sender.getInputStream().readNBytes(9));
    }
  }

  @Test
  void refusesAnUnknownCookie() throws Exception {
    try (OscarSimulator icq = OscarSimulator.builder().proxy().start();
        Socket sender = connect(icq.proxyAddress());
        Socket receiver = connect(icq.proxyAddress())) {
      sender.getOutputStream().write(OftProxyFrame.initiateSend("100001", 77, CAP).toBytes());
      OftProxyFrame ack = OftProxyFrame.read(sender.getInputStream());
      receiver.getOutputStream().write(OftProxyFrame.initiateReceive("100002", ack.pin(), 78, CAP).toBytes());
      OftProxyFrame answer = OftProxyFrame.read(receiver.getInputStream());
      assertEquals(OftProxyCommand.ERROR, answer.command());
      assertEquals(RendezvousProxy.ERROR_NO_MATCH, answer.errorCode());
      assertEquals(-1, receiver.getInputStream().read());
    }
  }

  private static Socket connect(InetSocketAddress address) throws Exception {
    Socket socket = new Socket();
    socket.connect(address, 5000);
    socket.setSoTimeout(5000);
    return socket;
  }
}
