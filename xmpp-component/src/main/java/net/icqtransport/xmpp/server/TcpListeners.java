package net.icqtransport.xmpp.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who listens on a TCP port of this machine, read from Linux's {@code /proc/net/tcp} and {@code tcp6} (one
 * line per socket: local address, state, inode) and {@code /proc/PID/fd} (each open socket is a link to
 * {@code socket:[INODE]}). Only listeners that a connection to 127.0.0.1 can reach count: 127.0.0.1 itself,
 * the IPv4 wildcard, the IPv6 wildcard and their IPv4-mapped forms. Another user's processes are visible only
 * to root; their sockets are then listed without an owner.
 */
public final class TcpListeners {
  private static final Path PROC = Path.of("/proc");
  /** {@code st} of a listening socket in /proc/net/tcp (include/net/tcp_states.h: TCP_LISTEN). */
  private static final String LISTEN = "0A";
  private static final Set<String> REACHED_FROM_LOOPBACK = Set.of(
      "0100007F", "00000000", // 127.0.0.1 and 0.0.0.0, the 32-bit word in host (little-endian) order
      "00000000000000000000000000000000", // ::
      "0000000000000000FFFF00000100007F", // ::ffff:127.0.0.1
      "0000000000000000FFFF000000000000"); // ::ffff:0.0.0.0
  private static final int COMMAND_SHOWN = 120;

  /** One listening socket: the inode that names it, and the process holding it when that is visible. */
  public record Listener(long inode, Optional<Long> pid) {
    /** "PID 812 (/usr/bin/lua5.4 /usr/bin/prosody)" or, when the owner is not visible, how to find it. */
    public String owner(int port) {
      return pid.map(p -> "PID " + p + commandOf(p).map(c -> " (" + c + ")").orElse(""))
          .orElse("another program (not visible to this user; as root, `ss -ltnp 'sport = :" + port
              + "'` names it)");
    }
  }

  private TcpListeners() {}

  /** Whether this machine has the files (Linux); elsewhere no check is possible. */
  public static boolean available() {
    return Files.isReadable(PROC.resolve("net/tcp"));
  }

  /** The sockets listening on {@code port} that a connection to 127.0.0.1 reaches, with their owners. */
  public static List<Listener> on(int port) {
    Set<Long> inodes = new HashSet<>();
    for (String table : List.of("net/tcp", "net/tcp6")) {
      try {
        for (String line : Files.readAllLines(PROC.resolve(table), StandardCharsets.US_ASCII)) {
          String[] fields = line.trim().split("\\s+");
          // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
          if (fields.length < 10 || !fields[3].equals(LISTEN)) {
            continue;
          }
          int colon = fields[1].indexOf(':');
          if (colon < 0 || !fields[1].substring(colon + 1).equalsIgnoreCase(String.format(Locale.ROOT, "%04X", port))
              || !REACHED_FROM_LOOPBACK.contains(fields[1].substring(0, colon).toUpperCase(Locale.ROOT))) {
            continue;
          }
          inodes.add(Long.parseLong(fields[9]));
        }
      } catch (IOException | RuntimeException e) {
        // tcp6 is missing without IPv6; a line we cannot read names no listener
      }
    }
    List<Listener> listeners = new ArrayList<>();
    for (long inode : inodes) {
      listeners.add(new Listener(inode, ownerOf(inode)));
    }
    return listeners;
  }

  /** The inodes of the sockets that process {@code pid} holds open (empty when it is gone or not visible). */
  public static Set<Long> socketsOf(long pid) {
    Set<Long> sockets = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve(Long.toString(pid)).resolve("fd"))) {
      for (Path fd : fds) {
        socketInode(fd).ifPresent(sockets::add);
      }
    } catch (IOException | RuntimeException e) {
      // the process ended, or it is another user's
    }
    return sockets;
  }

  private static Optional<Long> ownerOf(long inode) {
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path process : processes) {
        if (socketsOf(Long.parseLong(process.getFileName().toString())).contains(inode)) {
          return Optional.of(Long.parseLong(process.getFileName().toString()));
        }
      }
    } catch (IOException | RuntimeException e) {
      // no /proc: the owner stays unknown
    }
    return Optional.empty();
  }

  private static Optional<Long> socketInode(Path fd) {
    try {
      String target = Files.readSymbolicLink(fd).toString();
      if (target.startsWith("socket:[") && target.endsWith("]")) {
        return Optional.of(Long.parseLong(target.substring("socket:[".length(), target.length() - 1)));
      }
    } catch (IOException | RuntimeException e) {
      // closed meanwhile
    }
    return Optional.empty();
  }

  private static Optional<String> commandOf(long pid) {
    try {
      byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
      // Arguments are separated by NULs; any control character (a newline in an argument) becomes a space.
      String command = new String(raw, StandardCharsets.UTF_8).replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
      if (command.length() > COMMAND_SHOWN) {
        command = command.substring(0, COMMAND_SHOWN) + "...";
      }
      return command.isEmpty() ? Optional.empty() : Optional.of(command);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
