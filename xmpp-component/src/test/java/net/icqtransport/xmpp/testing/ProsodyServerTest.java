package net.icqtransport.xmpp.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness's Prosody refuses to start when another program took one of its ports after they were chosen as
 * free: that program would pass the listening check too, and the test's clients would talk to it (seen once as a
 * {@code host-unknown} stream error while other test runs shared the machine).
 */
class ProsodyServerTest {
  @TempDir Path folder;

  @Test
  void aClientPortTakenByAnotherProgramFailsTheStartNamingThePort() throws Exception {
    ProsodyServer prosody = ProsodyServer.create(folder, "icq.localhost", "secret");
    try (ServerSocket other = new ServerSocket(prosody.clientPort(), 5, InetAddress.getByName("127.0.0.1"))) {
      IllegalStateException refused = assertThrows(IllegalStateException.class, prosody::start);
      assertTrue(refused.getMessage().contains("could not open port " + prosody.clientPort()), refused.getMessage());
    } finally {
      prosody.close();
    }
  }
}
