package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.icqtransport.distribution.Main;
import net.icqtransport.distribution.sandbox.Sandbox;
import net.icqtransport.xmpp.server.LocalServers;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The first-use path of the README: {@code icq-transport sandbox} started in-process on free ports; a Jabber
 * user logs in as printed, registers the printed UIN, chats with the echo bot, and stopping the sandbox stops
 * everything it started. And what goes wrong on a real machine: a port held by another program (another XMPP
 * server on 5222), a second sandbox in the same folder, a password that should stay the same.
 */
class SandboxEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  /** A guard against a second sandbox that does not stop (the bug), never reached when it refuses. */
  private static final long SECOND_SANDBOX_GUARD_SECONDS = 90;

  @TempDir Path folder;
  @TempDir Path elsewhere;

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
      assertTrue(printed.contains("Ports: Jabber clients " + sandbox.clientPort() + ", component link " + componentPort
          + ", OSCAR simulator " + oscarPort + ", metrics and health " + httpPort), printed);
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

  /**
   * Issue 19, 1: with another listener on the client port, Prosody logs "Failed to open server port" and runs
   * on, and the sandbox printed "running" while clients reached the other server. Now every port is checked:
   * Prosody's by its PID, the in-process ones before they open; the refusal names the port and its holder.
   */
  @ParameterizedTest(name = "{0} port")
  @ValueSource(strings = {"client", "component", "oscar", "http"})
  void aPortHeldByAnotherProgramStopsTheSandboxNamingThePortAndItsHolder(String which) throws Exception {
    try (ServerSocket otherServer = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int port = otherServer.getLocalPort();
      Sandbox.Options options = new Sandbox.Options(folder, which.equals("client") ? port : 0,
          which.equals("component") ? port : 0, which.equals("oscar") ? port : 0, which.equals("http") ? port : 0,
          null, true);

      IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Sandbox.start(options).close(),
          "the sandbox started although another program holds its " + which + " port " + port);

      String message = refused.getMessage();
      assertTrue(message.contains("Port " + port + " "), message);
      assertTrue(message.contains("--" + which + "-port"), message);
      assertTrue(message.contains("PID " + ProcessHandle.current().pid()), "names the holder: " + message);
      assertFalse(message.contains("\n"), "one line: " + message);
      Path prosodyPid = folder.resolve("prosody/prosody.pid");
      if (Files.exists(prosodyPid)) {
        long pid = Long.parseLong(Files.readString(prosodyPid).strip());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
            "the sandbox's Prosody (PID " + pid + ") was left running");
      }
    }
  }

  /**
   * Issue 19, 2: a second sandbox in the folder of a running one rewrote its Prosody config and demo password.
   * Now it refuses at once, in one line, and the first one's files are as they were; the first still works.
   */
  @Test
  void aSecondSandboxInTheSameFolderRefusesInOneLineAndTouchesNothing() throws Exception {
    try (Sandbox first = Sandbox.start(new Sandbox.Options(folder, 0, 0, 0, 0, null, false))) {
      Map<String, String> before = snapshot(folder);
      assertTrue(before.containsKey("prosody/prosody.cfg.lua"), before.keySet().toString());

      Path output = elsewhere.resolve("second-sandbox.out");
      Process second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Djava.util.prefs.userRoot=" + elsewhere.resolve("prefs"),
          "-De2e.log.file=" + elsewhere.resolve("second-sandbox-transport.log"), // not this JVM's log file
          "-cp", System.getProperty("java.class.path"), Main.class.getName(), "sandbox",
          "--folder", folder.toString(), "--client-port", "0", "--component-port", "0", "--oscar-port", "0",
          "--http-port", "0")
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .start();
      boolean ended;
      try {
        ended = second.waitFor(SECOND_SANDBOX_GUARD_SECONDS, TimeUnit.SECONDS);
      } finally {
        second.descendants().forEach(ProcessHandle::destroyForcibly);
        second.destroyForcibly();
      }
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      assertTrue(ended, "the second sandbox did not refuse; it printed:\n" + printed);
      assertEquals(1, second.exitValue(), printed);
      assertEquals(1, printed.strip().lines().count(), "one line:\n" + printed);
      assertTrue(printed.contains("Another sandbox (PID " + ProcessHandle.current().pid() + ") is running in "
          + folder.toAbsolutePath()), printed);

      assertEquals(before, snapshot(folder), "the second sandbox changed files of the first");
      try (JabberClient demo = JabberClient.login(first.clientPort(), first.user(), first.password())) {
        assertTrue(first.transport().awaitConnected(WAIT));
      }
    }
    assertEquals(Long.toString(ProcessHandle.current().pid()),
        Files.readString(folder.resolve("sandbox.lock"), StandardCharsets.US_ASCII).strip(), "the first one's PID");
  }

  /**
   * Issue 19, 3: the demo password changed at every start. Now it is kept in the folder, the instructions say
   * where and how to choose one, and a chosen one is kept too.
   */
  @Test
  void theDemoPasswordIsKeptInTheFolderReusedAtTheNextStartAndCanBeChosen() throws Exception {
    Path kept = folder.resolve("demo-password").toAbsolutePath();
    String generated;
    try (Sandbox first = Sandbox.start(new Sandbox.Options(folder, 0, 0, 0, 0, null, false))) {
      generated = first.password();
      String printed = first.instructions();
      assertTrue(printed.contains(kept.toString()), printed);
      assertTrue(printed.contains("--demo-password"), printed);
      assertEquals(generated, Files.readString(kept, StandardCharsets.UTF_8).strip());
    }
    try (Sandbox again = Sandbox.start(new Sandbox.Options(folder, 0, 0, 0, 0, null, false))) {
      assertEquals(generated, again.password());
      JabberClient.login(again.clientPort(), again.user(), generated).close();
    }
    String chosen = "my own sandbox password";
    try (Sandbox withChosen = Sandbox.start(new Sandbox.Options(folder, 0, 0, 0, 0, chosen, false))) {
      assertEquals(chosen, withChosen.password());
      JabberClient.login(withChosen.clientPort(), withChosen.user(), chosen).close();
    }
    assertEquals(chosen, Files.readString(kept, StandardCharsets.UTF_8).strip());
  }

  /**
   * Every file of the sandbox folder with a digest of its contents and its modification time, except what the
   * running programs write on their own: logs and the transport's database. The lock file is only looked at.
   */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String name = root.relativize(file).toString().replace('\\', '/');
        if (name.startsWith("data/") || name.endsWith(".log") || name.endsWith(".err") || name.endsWith(".out")) {
          continue;
        }
        if (name.equals("sandbox.lock")) {
          // Not opened: closing any descriptor of a file drops this process's POSIX lock on it (fcntl(2)).
          files.put(name, Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis());
          continue;
        }
        try {
          byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
          files.put(name, HexFormat.of().formatHex(digest) + " " + Files.getLastModifiedTime(file).toMillis());
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return files;
  }
}
