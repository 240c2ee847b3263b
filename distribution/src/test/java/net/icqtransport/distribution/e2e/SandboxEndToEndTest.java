package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.icqtransport.distribution.sandbox.Sandbox;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import net.icqtransport.xmpp.server.LocalServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first-use path of the README: {@code icq-transport sandbox} started in-process on free ports; a Jabber
 * user logs in as printed, registers the printed UIN, chats with the echo bot, and stopping the sandbox stops
 * everything it started.
 */
class SandboxEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path folder;

  @Test
  void aNewcomerLogsInAsPrintedRegistersAndChatsWithTheEchoBotAndStopEndsEverything() throws Exception {
    Sandbox sandbox = Sandbox.start(new Sandbox.Options(folder, 0, 0, 0, 0, null, true));
    List<ProcessHandle> prosodyProcesses;
    int oscarPort = sandbox.simulator().loginAddress().getPort();
    int componentPort = sandbox.prosody().componentPort();
    int httpPort = sandbox.transport().httpPort().orElseThrow();
    try {
      String printed = sandbox.instructions();
      assertTrue(printed.contains("port " + sandbox.clientPort()), printed);
      assertTrue(printed.contains("user demo@localhost, password " + sandbox.password()), printed);
      assertTrue(printed.contains("UIN " + Sandbox.UIN + ", password " + Sandbox.ICQ_PASSWORD), printed);
      assertTrue(printed.contains(Sandbox.ECHO_BOT + "@" + Sandbox.COMPONENT), printed);
      prosodyProcesses = sandbox.prosody().processes();
      assertFalse(prosodyProcesses.isEmpty());

      try (JabberClient demo = JabberClient.login(sandbox.clientPort(), sandbox.user(), sandbox.password())) {
        demo.registerWithTransport(Sandbox.COMPONENT, Sandbox.UIN, Sandbox.ICQ_PASSWORD);
        demo.nextPresenceFrom(Sandbox.COMPONENT,
            p -> p.getType() == Presence.Type.available && p.getMode() == Presence.Mode.available, WAIT);
        String bot = Sandbox.ECHO_BOT + "@" + Sandbox.COMPONENT;
        demo.sendChat(bot, "Hello, echo! Grüße 😀");
        Message echo = demo.nextMessageFrom(bot, m -> m.getBody() != null, WAIT);
        assertEquals("Hello, echo! Grüße 😀", echo.getBody());
      }
    } finally {
      sandbox.close();
    }
    for (ProcessHandle process : prosodyProcesses) {
      assertFalse(process.isAlive(), "Prosody process " + process.pid() + " still alive");
    }
    assertFalse(sandbox.prosody().isRunning());
    for (int port : List.of(sandbox.clientPort(), componentPort, oscarPort, httpPort)) {
      assertFalse(LocalServers.isListening(port), "something still listens on " + port + " after the sandbox stopped");
    }
  }
}
