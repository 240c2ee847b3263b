package net.icqtransport.distribution.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line of {@code icq-transport sandbox}: ports the user did not choose are free ones. */
class SandboxCommandTest {

  /** Issue 19, 1: the defaults were 5222, 5347, 5190 and 9190, which the system's servers may hold. */
  @Test
  void portsNotChosenAreFreeOnes() {
    SandboxCommand command = new SandboxCommand();
    new CommandLine(command).parseArgs();
    assertEquals(0, command.clientPort);
    assertEquals(0, command.componentPort);
    assertEquals(0, command.oscarPort);
    assertEquals(0, command.httpPort);
  }

  @Test
  void chosenPortsAndPasswordAreTaken() {
    SandboxCommand command = new SandboxCommand();
    new CommandLine(command).parseArgs("--client-port", "15222", "--component-port", "15347", "--oscar-port",
        "15190", "--http-port", "19190", "--demo-password", "secret one");
    assertEquals(15222, command.clientPort);
    assertEquals(15347, command.componentPort);
    assertEquals(15190, command.oscarPort);
    assertEquals(19190, command.httpPort);
    assertEquals("secret one", command.password);
  }
}
