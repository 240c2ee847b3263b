package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.distribution.e2e.IcqUser.Text;
import net.icqtransport.oscar.server.OscarSimulator;
import net.icqtransport.xmpp.testing.ProsodyServer;
import org.junit.jupiter.api.Test;

/**
 * Issue #17 with a client that is not Java: a Jabber user written with Python's slixmpp (Debian package
 * {@code python3-slixmpp}, src/test/python/slixmpp_transport_client.py) registers with the transport on a private
 * Prosody, once through the XEP-0077 form and once, as another user, through the XEP-0050 ad-hoc command
 * {@code register}; each then writes to an ICQ contact (the simulator's bob, our OSCAR client) in non-ASCII text,
 * which bob receives as sent, gets bob's answer, and sends the chat command {@code help} to the transport's own
 * JID. The script prints a line for every step and exits non-zero on any failure; its output is in every
 * assertion message. Without python3 or slixmpp the test fails naming the package: it never skips.
 */
class SlixmppClientEndToEndTest extends TransportEndToEndTest {
  private static final String PYTHON = "/usr/bin/python3";
  private static final Path SCRIPT = Path.of("src/test/python/slixmpp_transport_client.py");
  private static final String PACKAGE_HINT = "install the Debian package python3-slixmpp "
      + "(as root: apt-get update && apt-get install -y python3-slixmpp)";
  /** Each of the script's waits (login, each answer); the whole script gets {@link #SCRIPT_TIMEOUT}. */
  private static final Duration STEP_WAIT = Duration.ofSeconds(30);
  private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);
  private static final String CAROL_XMPP_PASSWORD = "carol-xmpp-password";
  private static final String CAROL_UIN = "100004";
  private static final String CAROL_ICQ_PASSWORD = "icq-pass-carol";

  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {
    withBobAsMutualContact(builder)
        .account(CAROL_UIN, CAROL_ICQ_PASSWORD)
        .contact(CAROL_UIN, BOB_UIN, "Bob", "Friends")
        .contact(BOB_UIN, CAROL_UIN, "Carol", "Friends");
  }

  @Override
  protected void configureProsody(ProsodyServer server) {
    server.addUser("carol", CAROL_XMPP_PASSWORD);
  }

  @Test
  void slixmppRegistersWithTheXep0077FormChatsWithAnIcqContactAndAsksTheTransportForHelp() throws Exception {
    requireSlixmpp();
    transport = startTransport();
    IcqUser bob = icqUser(BOB_UIN, BOB_ICQ_PASSWORD);

    Script alice = start("form", "alice", ALICE_XMPP_PASSWORD, ALICE_UIN, ALICE_ICQ_PASSWORD,
        "Grüße ✓", "Danke, schöne Grüße zurück ✓");
    chatAsBob(alice, bob);
    alice.awaitPass();

    alice.assertLine("FORM fields: FORM_TYPE, username, password");
    alice.assertLine("REGISTERED-BY-FORM 100001");
    alice.assertLine("FORM-SHOWS-REGISTERED 100001");
    alice.assertLine("WELCOME Welcome to the ICQ transport! You are registered as 100001.");
    assertRegisteredChattedAndGotHelp(alice);
  }

  @Test
  void anotherSlixmppClientRegistersWithTheAdHocCommandChatsAndAsksTheTransportForHelp() throws Exception {
    requireSlixmpp();
    transport = startTransport();
    IcqUser bob = icqUser(BOB_UIN, BOB_ICQ_PASSWORD);

    Script carol = start("command", "carol", CAROL_XMPP_PASSWORD, CAROL_UIN, CAROL_ICQ_PASSWORD,
        "Hallo Bob, Grüße ✓ 😀", "Hallo Carol ✓");
    chatAsBob(carol, bob);
    carol.awaitPass();

    // Not registered: "register" is the only command offered (RegisterCommand.NODE).
    carol.assertLine("COMMANDS register");
    carol.assertLine("COMMAND-FORM Register with ICQ: username, password");
    carol.assertLine("REGISTERED-BY-COMMAND 100004 note: You are registered as 100004.");
    carol.assertLine("WELCOME Welcome to the ICQ transport! You are registered as 100004.");
    assertRegisteredChattedAndGotHelp(carol);
  }

  /** Bob receives the script's message exactly as it was written and answers it; the script waits for that. */
  private void chatAsBob(Script script, IcqUser bob) throws Exception {
    Text received = null;
    long deadline = System.nanoTime() + SCRIPT_TIMEOUT.toNanos();
    // In slices, so that a script that failed before writing does not keep the test waiting.
    while (received == null) {
      try {
        received = bob.next(Text.class, Duration.ofSeconds(1));
      } catch (AssertionError nothingYet) {
        if (!script.process().isAlive() || System.nanoTime() > deadline) {
          script.stop();
          fail("bob received no message within " + SCRIPT_TIMEOUT + " (script "
              + (script.process().isAlive() ? "still running" : "ended") + ")\n" + script.report());
        }
      }
    }
    assertEquals(new Text(script.uin(), script.message()), received, script::report);
    bob.session().sendMessage(new LegacyContactId(script.uin()), script.reply())
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private void assertRegisteredChattedAndGotHelp(Script script) {
    script.assertLine("TRANSPORT-ONLINE " + COMPONENT);
    script.assertLine("SENT to " + jid(BOB_UIN) + ": " + script.message());
    script.assertLine("REPLY from " + jid(BOB_UIN) + ": " + script.reply());
    script.assertLine("HELP| Commands of the ICQ transport (send them to " + COMPONENT + "):");
    script.assertLine("HELP| help - this list");
    // The registered user's list (the unregistered one has help and register only).
    script.assertLine("HELP| invisible on|off - be invisible on ICQ, or visible");
    String user = script.user() + "@localhost";
    assertEquals(script.uin(), transport.registrations().find(new UserAddress(user))
        .orElseThrow(() -> new AssertionError(user + " is not registered\n" + script.report()))
        .credentials().account().value(), script::report);
  }

  /** Fails, naming the Debian package, when /usr/bin/python3 or its slixmpp module is missing. */
  private void requireSlixmpp() throws Exception {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      fail("This test runs a slixmpp client, but " + PYTHON + " is missing: " + PACKAGE_HINT);
    }
    Path out = folder.resolve("slixmpp-check.out");
    Process check = new ProcessBuilder(PYTHON, "-I", "-c", "import slixmpp; print(slixmpp.__version__)")
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!check.waitFor(30, TimeUnit.SECONDS)) {
      check.destroyForcibly();
      fail(PYTHON + " -c 'import slixmpp' did not finish within 30 s");
    }
    if (check.exitValue() != 0) {
      fail("This test runs a slixmpp client, but " + PYTHON + " cannot import slixmpp: " + PACKAGE_HINT + "\n"
          + Files.readString(out, StandardCharsets.UTF_8));
    }
  }

  /** Starts the script as Jabber user {@code user}@localhost (stopped after the test at the latest). */
  private Script start(String registerBy, String user, String xmppPassword, String uin, String icqPassword,
      String message, String reply) throws IOException {
    assertTrue(Files.isRegularFile(SCRIPT), "the script is missing: " + SCRIPT.toAbsolutePath());
    List<String> command = List.of(PYTHON, "-I", SCRIPT.toString(),
        "--port", Integer.toString(prosody.clientPort()),
        "--jid", user + "@localhost", "--password", xmppPassword,
        "--transport", COMPONENT,
        "--register", registerBy, "--uin", uin, "--icq-password", icqPassword,
        "--contact", BOB_UIN,
        // A JVM without a UTF-8 locale would pass non-ASCII arguments as '?'.
        "--message", URLEncoder.encode(message, StandardCharsets.UTF_8),
        "--reply", URLEncoder.encode(reply, StandardCharsets.UTF_8),
        "--wait", Long.toString(STEP_WAIT.toSeconds()),
        "--timeout", Long.toString(SCRIPT_TIMEOUT.minusSeconds(10).toSeconds()),
        "--debug");
    Path out = folder.resolve("slixmpp-" + user + ".out");
    Path err = folder.resolve("slixmpp-" + user + ".err");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    Script script = new Script(user, uin, message, reply, process, out, err, prosody);
    closeAfterTest(script::stop);
    return script;
  }

  /**
   * A running slixmpp script as Jabber user {@code user}@localhost registering ICQ account {@code uin}, writing
   * {@code message} to bob and expecting {@code reply}: its process and output files.
   */
  private record Script(String user, String uin, String message, String reply, Process process, Path out, Path err,
      ProsodyServer prosody) {
    /** Waits for the script to end and asserts it passed (exit 0, last line PASS). */
    void awaitPass() throws InterruptedException {
      if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        stop();
        fail("the slixmpp script did not end within " + SCRIPT_TIMEOUT + "\n" + report());
      }
      assertEquals(0, process.exitValue(), () -> "the slixmpp script failed\n" + report());
      List<String> lines = stdout().lines().toList();
      assertEquals("PASS", lines.isEmpty() ? "" : lines.get(lines.size() - 1), this::report);
      // What the client did, in the test's report (surefire's -output.txt).
      System.out.print("--- slixmpp script stdout:\n" + stdout());
    }

    void assertLine(String line) {
      assertTrue(stdout().lines().anyMatch(line::equals), () -> "the slixmpp script printed no line \"" + line
          + "\"\n" + report());
    }

    void stop() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }

    String stdout() {
      return read(out);
    }

    /** The script's output, the end of its stanza log (stderr) and of Prosody's log, for failure messages. */
    String report() {
      return "--- slixmpp script stdout:\n" + stdout()
          + "--- slixmpp script stderr (end):\n" + tail(read(err), 30_000)
          + "--- Prosody log (end):\n" + tail(prosody.log(), 10_000);
    }

    private static String tail(String text, int chars) {
      return text.length() <= chars ? text : "…" + text.substring(text.length() - chars);
    }

    private static String read(Path file) {
      try {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(none)\n";
      } catch (IOException e) {
        return "(unreadable: " + e + ")\n";
      }
    }
  }
}
