package net.icqtransport.xmpp.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What running a private server process on loopback takes, in one place: free ports, whether a port
 * listens, running a helper command (prosodyctl, ejabberdctl, chown) to completion, and gathering log files
 * for a failure message. Used by {@link PrivateProsody} and the test harnesses.
 */
public final class LocalServers {

  /** Every port {@link #freePort()} returned in this JVM. */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private LocalServers() {}

  /**
   * A port that was free a moment ago on 127.0.0.1 and that this JVM has not handed out before. The kernel may
   * give the same ephemeral port to two binds in a row, and the ports are bound later by another process, so
   * without the memory two servers of one test could be given one port (seen: Prosody's http and component
   * listeners on the same port).
   */
  public static int freePort() {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
        if (HANDED_OUT.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Whether something accepts connections on 127.0.0.1:{@code port}. */
  public static boolean isListening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Runs {@code command} and waits for it (60 s at most); a non-zero exit or a timeout fails with
   * {@code shown} and the command's output.
   */
  public static void run(List<String> command, String shown) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(shown + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@link #run(List, String)}, showing the command itself. */
  public static void run(List<String> command) {
    run(command, String.join(" ", command));
  }

  /** The contents of those of {@code files} that exist, for failure messages. */
  public static String readLogs(List<Path> files) {
    StringBuilder text = new StringBuilder();
    for (Path file : files) {
      try {
        if (Files.exists(file)) {
          text.append(Files.readString(file, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        text.append("(cannot read ").append(file).append(": ").append(e).append(")\n");
      }
    }
    return text.toString();
  }

  /** Sleeps; an interruption ends the wait with an exception (and keeps the interrupt flag). */
  public static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
