package net.icqtransport.xmpp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PrivateProsody#start()} with one of its ports held by another program. The held port accepts
 * connections, so a start that waited only for both ports to answer returned as soon as Prosody's other port
 * opened, or threw its "chosen as free" failure when Prosody's log came first: the sandbox's refusal naming the
 * holder then depended on timing (a CI run failed on it). Now the start waits until Prosody's own process holds
 * each port, so it always ends with the port named, and Prosody stopped.
 */
class PrivateProsodyStartTest {
  @TempDir Path folder;

  @ParameterizedTest(name = "{0} port")
  @ValueSource(strings = {"client", "component"})
  void aPortHeldByAnotherProgramAlwaysFailsTheStartNamingThatPort(String which) throws Exception {
    try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int held = other.getLocalPort();
      PrivateProsody prosody = PrivateProsody.create(folder, "icq.localhost", "secret",
          which.equals("client") ? held : 0, which.equals("component") ? held : 0, Duration.ofMinutes(2));
      List<ProcessHandle> started = List.of();
      try {
        ProsodyPortTakenException refused = assertThrows(ProsodyPortTakenException.class, prosody::start,
            "Prosody started although another program holds its " + which + " port " + held);
        assertEquals(held, refused.port());
        assertTrue(refused.getMessage().contains("could not open port " + held), refused.getMessage());
        started = prosody.processes();
      } finally {
        prosody.close();
      }
      assertFalse(prosody.isRunning(), "Prosody was left running");
      for (ProcessHandle process : started) {
        assertFalse(process.isAlive(), "Prosody process " + process.pid() + " left running");
      }
    }
  }
}
