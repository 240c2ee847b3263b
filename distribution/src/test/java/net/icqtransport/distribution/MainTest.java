package net.icqtransport.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as an operator uses it. */
class MainTest {

  private record Result(int exitCode, String output) {}

  private static Result run(String... arguments) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int exit = new CommandLine(new Main()).execute(arguments);
      return new Result(exit, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
  }

  @Test
  void checkConfigAcceptsTheShippedExample() {
    Result result = run("check-config", "--config", "src/main/dist/conf/icq-transport.conf");
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().lines().anyMatch(line -> line.startsWith("OK: ")), result.output());
    assertTrue(!result.output().contains("change-me"), "the secret must not be printed: " + result.output());
  }

  @Test
  void checkConfigNamesEveryWrongKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.conf");
    Files.writeString(file, "icq-transport { xmpp { secret = s, prot = 5347 }, oscar { login-port = 99999 } }");
    Result result = run("check-config", "--config", file.toString());
    assertEquals(2, result.exitCode(), result.output());
    assertTrue(result.output().contains("icq-transport.xmpp.prot: unknown key (did you mean icq-transport.xmpp.port?)"),
        result.output());
    assertTrue(result.output().contains("icq-transport.oscar.login-port: not a port number: 99999"), result.output());
  }

  @Test
  void configReferencePrintsTheDocumentation() {
    Result result = run("config-reference");
    assertEquals(0, result.exitCode());
    assertTrue(result.output().contains("`icq-transport.xmpp.secret`"), result.output());
  }
}
