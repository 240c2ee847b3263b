package net.icqtransport.distribution.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One sandbox per folder: an exclusive lock on {@value #FILE_NAME} in the sandbox folder, held while the sandbox
 * runs and released by the operating system when its process ends, however it ends. The file holds the
 * holder's PID, for the refusal message. A second sandbox that finds the lock taken has read, and changed,
 * nothing else in the folder. The lock is a POSIX record lock (fcntl(2)): closing any other descriptor of the
 * file in the holding process drops it, so nothing but this class opens the file.
 */
final class SandboxLock implements AutoCloseable {
  static final String FILE_NAME = "sandbox.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private SandboxLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the folder's lock (creating the folder when needed).
   *
   * @throws SandboxRefusedException when another sandbox holds it
   */
  static SandboxLock acquire(Path folder) {
    Path file = folder.toAbsolutePath().resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      Files.createDirectories(folder);
      // No TRUNCATE_EXISTING: the holder's PID must survive a refused attempt.
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this very process (a second sandbox started in-process)
      }
      if (lock == null) {
        String holder = readHolder(channel);
        channel.close();
        throw new SandboxRefusedException("Another sandbox" + (holder.isEmpty() ? "" : " (PID " + holder + ")")
            + " is running in " + folder.toAbsolutePath() + ": stop it first (Ctrl-C in its terminal), or give "
            + "this one its own folder with --folder.");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      channel.force(true);
      return new SandboxLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot lock " + file, e);
    }
  }

  private static String readHolder(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(32);
    channel.read(buffer, 0);
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
    return text.matches("[0-9]{1,19}") ? text : "";
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing after a failure: the failure is what is reported
      }
    }
  }

  /** Releases the lock; the file stays (deleting it would let two sandboxes lock two different files). */
  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      closeQuietly(channel);
    }
  }
}
