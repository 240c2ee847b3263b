package net.icqtransport.distribution.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.icqtransport.xmpp.server.PrivateProsody;
import net.icqtransport.xmpp.server.TcpListeners;

/**
 * Makes sure each port the sandbox prints is held by the sandbox itself: a Prosody that cannot open a port
 * logs it and runs on, and a connection to that port then reaches whatever holds it (another XMPP server on
 * 5222, typically). Ports the sandbox opens in this process (the simulator's, the transport's HTTP) are tried
 * before anything starts; Prosody's are checked by its PID once it runs.
 */
final class SandboxPorts {
  private SandboxPorts() {}

  /**
   * Refuses when {@code port} (0: a free one is taken later) cannot be opened on 127.0.0.1.
   *
   * @param what what the port is for, e.g. "the OSCAR simulator"
   * @param option the command-line option choosing it
   */
  static void requireFree(int port, String what, String option) {
    if (port == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      // free: closed again at once, opened for good when its part starts
    } catch (IOException e) {
      throw taken(port, what, option, TcpListeners.available() ? TcpListeners.on(port) : List.of(),
          "the sandbox cannot open it");
    }
  }

  /**
   * Refuses unless one of {@code prosody}'s processes holds the listening socket of {@code port}. When it does,
   * nothing else can hold 127.0.0.1:{@code port} or the wildcard address on that port.
   */
  static void requireHeldBy(PrivateProsody prosody, int port, String what, String option) {
    if (!TcpListeners.available()) {
      // Not Linux: no sockets by PID; Prosody says in its log when it could not open a port.
      if (prosody.log().contains("Failed to open server port " + port)) {
        throw taken(port, what, option, List.of(), "the sandbox's own Prosody could not open it");
      }
      return;
    }
    Set<Long> ours = prosody.processes().stream()
        .flatMap(process -> TcpListeners.socketsOf(process.pid()).stream())
        .collect(Collectors.toSet());
    List<TcpListeners.Listener> listeners = TcpListeners.on(port);
    if (listeners.stream().anyMatch(listener -> ours.contains(listener.inode()))) {
      return;
    }
    if (listeners.isEmpty()) {
      throw new SandboxRefusedException("The sandbox's own Prosody does not listen on port " + port + " (" + what
          + "); see " + prosody.folder().resolve("prosody.log") + ".");
    }
    throw taken(port, what, option, listeners, "the sandbox's own Prosody could not open it");
  }

  /**
   * The refusal for a port the sandbox's Prosody said it could not open ({@code ProsodyPortTakenException}),
   * naming what holds it now where that can be read.
   */
  static SandboxRefusedException takenFromProsody(int port, String what, String option) {
    return taken(port, what, option, TcpListeners.available() ? TcpListeners.on(port) : List.of(),
        "the sandbox's own Prosody could not open it");
  }

  private static SandboxRefusedException taken(int port, String what, String option,
      List<TcpListeners.Listener> holders, String consequence) {
    String owners = holders.isEmpty()
        ? "another program"
        : holders.stream().map(listener -> listener.owner(port)).distinct().collect(Collectors.joining(" and "));
    return new SandboxRefusedException("Port " + port + " (" + what + ", " + option + ") is held by " + owners
        + ", so " + consequence + ". Stop that program, or choose another port (" + option + " 0, the default, "
        + "picks a free one).");
  }
}
