package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.distribution.Main;
import net.icqtransport.oscar.server.OscarSimulator;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 4: {@code icq-transport registrations list|show|remove} in a process of its own, as an operator
 * runs it, while the transport runs and holds its embedded database; with a configuration that has no component
 * secret (the tools do not need it). Before, the second process failed with H2's 75-line "Database may be already
 * in use" stack trace, after refusing the configuration for the missing secret.
 */
class RegistrationsWhileRunningEndToEndTest extends TransportEndToEndTest {

  private record Output(int exitCode, String stdout, String stderr) {}

  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {}

  @Test
  void registrationsAreListedShownAndRemovedWhileTheTransportRuns() throws Exception {
    transport = startTransport();
    registeredAlice();
    Path config = folder.resolve("admin.conf");
    Files.writeString(config, "icq-transport.database.file = \""
        + folder.resolve("data/registrations").toString().replace("\\", "/") + "\"\n");

    Output list = registrations("list", "--config", config.toString());
    assertEquals(0, list.exitCode(), list.toString());
    List<String> lines = list.stdout().lines().toList();
    assertEquals(2, lines.size(), list.toString());
    assertTrue(lines.get(0).startsWith("alice@localhost\tICQ " + ALICE_UIN + "\tregistered "), list.toString());
    assertEquals("1 registration", lines.get(1));
    assertFalse(list.stdout().contains(ALICE_ICQ_PASSWORD), "passwords are never shown");
    assertEquals("", list.stderr());

    Output show = registrations("show", "Alice@LocalHost", "--config", config.toString());
    assertEquals(0, show.exitCode(), show.toString());
    assertEquals(lines.get(0), show.stdout().strip());

    Output remove = registrations("remove", "alice@localhost", "--config", config.toString());
    assertEquals(0, remove.exitCode(), remove.toString());
    assertEquals("Removed the registration of alice@localhost", remove.stdout().strip());
    assertTrue(transport.registrations().find(new UserAddress("alice@localhost")).isEmpty(),
        "the running transport sees the removal");

    Output none = registrations("list", "--config", config.toString());
    assertEquals(0, none.exitCode(), none.toString());
    assertEquals("0 registrations", none.stdout().strip());
  }

  @Test
  void rotateKeyIsRefusedWhileTheTransportRuns() throws Exception {
    transport = startTransport();
    Path config = folder.resolve("admin.conf");
    Path data = folder.resolve("data/registrations");
    Files.writeString(config, "icq-transport.database.file = \"" + data.toString().replace("\\", "/") + "\"\n");
    Path newKey = folder.resolve("new.key");

    Output rotate = registrations("rotate-key", "--new-key-file", newKey.toString(), "--config", config.toString());

    assertEquals(2, rotate.exitCode(), rotate.toString());
    assertEquals("Error: the database " + data.toAbsolutePath() + ".mv.db is in use (is the transport running?): "
        + "stop the transport first; it would go on reading passwords with the old key", rotate.stderr().strip());
    assertFalse(Files.exists(newKey), "no key is left behind");
  }

  /** Runs {@code icq-transport registrations ARGUMENTS} in a JVM of its own, logging as the package does. */
  private Output registrations(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Dlogback.configurationFile=" + Path.of("src/main/dist/conf/logback.xml").toAbsolutePath(),
        Main.class.getName(), "registrations"));
    command.addAll(List.of(arguments));
    Path stdout = folder.resolve("cli.out");
    Path stderr = folder.resolve("cli.err");
    Process process = new ProcessBuilder(command)
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("`registrations " + String.join(" ", arguments) + "` did not end within 60 s");
    }
    return new Output(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }
}
