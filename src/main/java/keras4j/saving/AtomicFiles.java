package keras4j.saving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file all at once or not at all: the content goes to a temporary file in the target's
 * directory, is flushed to disk, then renamed over the target in one atomic step. A crash, an
 * interrupt or an exception mid-write leaves the previous file untouched (and no temporary file).
 */
final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes the content of a file, given the path to write it at. */
  @FunctionalInterface
  interface Writer {
    void write(Path temporary) throws IOException;
  }

  /** Writes {@code target} with {@code writer}, atomically. */
  static void write(Path target, Writer writer) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
      writer.write(temp);
      try (var channel = java.nio.channels.FileChannel.open(temp,
          java.nio.file.StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      move(temp, absolute);
      temp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + target + ": " + e.getMessage()
          + " (any previous file there is unchanged)", e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // Best effort: the target itself is untouched either way.
        }
      }
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + target.getParent() + " cannot rename files"
          + " atomically, so keras4j will not risk a half-written file there", e);
    }
  }
}
