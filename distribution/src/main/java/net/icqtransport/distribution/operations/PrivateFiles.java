package net.icqtransport.distribution.operations;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files only the transport's user may read: the embedded database (the JID ⇄ UIN map, held message bodies,
 * encrypted passwords), its key, and the folder holding them. Created private (folders {@code rwx------}, files
 * {@code rw-------}), not tightened afterwards, so there is no moment in which another user could open them;
 * files an older version left open are restricted at start. Where the file system has no POSIX permissions,
 * nothing is set.
 */
public final class PrivateFiles {
  private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
  private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private PrivateFiles() {}

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Creates {@code folder} and its missing parents as {@code rwx------}. An existing folder is left as it is: it
   * may be shared on purpose (a parent like {@code /srv}); see {@link #warnIfOpen}.
   */
  public static void createFolder(Path folder) throws IOException {
    Path absolute = folder.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return;
    }
    if (posix()) {
      Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(FOLDER));
    } else {
      Files.createDirectories(absolute);
    }
  }

  /** Logs a warning if other users may enter {@code folder}, which holds {@code what}. */
  public static void warnIfOpen(Path folder, String what) throws IOException {
    if (!posix() || !Files.isDirectory(folder)) {
      return;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(folder);
    if (permissions.stream().anyMatch(OTHERS::contains)) {
      LOG.warn("The folder {} is open to other users ({}); it holds {}: chmod 700 it", folder.toAbsolutePath(),
          PosixFilePermissions.toString(permissions), what);
    }
  }

  /** Creates the empty {@code file} as {@code rw-------}; fails if it exists. Its folder must exist. */
  public static void createFile(Path file) throws IOException {
    if (posix()) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
    } else {
      Files.createFile(file);
    }
  }

  /**
   * Takes every permission of other users off {@code file} (one the transport owns, e.g. a database file an
   * older version left {@code rw-r--r--}); true if it had any.
   */
  public static boolean restrict(Path file) throws IOException {
    if (!posix() || !Files.isRegularFile(file)) {
      return false;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    if (permissions.stream().noneMatch(OTHERS::contains)) {
      return false;
    }
    Set<PosixFilePermission> owner = EnumSet.noneOf(PosixFilePermission.class);
    owner.addAll(permissions);
    owner.removeAll(OTHERS);
    Files.setPosixFilePermissions(file, owner);
    return true;
  }
}
