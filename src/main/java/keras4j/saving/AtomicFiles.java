package keras4j.saving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a file all at once or not at all: the content goes to a temporary file in the target's
 * directory, is flushed to disk, then renamed over the target in one atomic step. A crash, an
 * interrupt or an exception mid-write leaves the previous file untouched.
 *
 * <p>An exception removes the temporary files; a killed process cannot, so their names carry the
 * writing process's id ({@code .NAME.PID.RANDOM.tmp}) and the next save of the same file removes
 * those of processes that no longer run. Temporary files of running processes (another save in
 * progress) are left alone.
 */
public final class AtomicFiles {
  /** What follows {@code .NAME.} in a temporary file's name: the pid, then random digits. */
  private static final Pattern TEMPORARY =
      Pattern.compile("(\\d+)\\.\\d+\\.tmp(?:\\.\\d+\\.[a-z0-9]+\\.tmp)?");

  private AtomicFiles() {}

  /** Writes the content of a file, given the path to write it at. */
  @FunctionalInterface
  public interface Writer {
    /**
     * Writes the whole content.
     *
     * @param temporary the file to write it to, which then replaces the target
     * @throws IOException if writing fails (the target is left unchanged)
     */
    void write(Path temporary) throws IOException;
  }

  /**
   * Writes {@code target} with {@code writer}, atomically: readers see the previous file or the
   * new one, never part of it, even if the process is killed.
   *
   * @param target the file to write (its directory is created if missing)
   * @param writer writes the content to the temporary file it is given
   * @throws java.io.UncheckedIOException if the file cannot be written; any previous file at
   *     {@code target} is unchanged
   */
  public static void write(Path target, Writer writer) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    String prefix = "." + absolute.getFileName() + ".";
    Path temp = null;
    try {
      Files.createDirectories(dir);
      removeStale(dir, prefix);
      temp = Files.createTempFile(dir, prefix + ProcessHandle.current().pid() + ".", ".tmp");
      writer.write(temp);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
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
          // Best effort: the target itself is untouched either way, and the next save retries.
        }
      }
    }
  }

  /**
   * A second temporary file next to {@code temporary} (from {@link #write}), for a writer that
   * needs one ({@code extension} names its kind); named so that a crash leaves it to the next
   * save's clean-up as well. The writer deletes it.
   */
  static Path sibling(Path temporary, String extension) throws IOException {
    return Files.createTempFile(temporary.getParent(), temporary.getFileName() + ".",
        "." + extension + ".tmp");
  }

  /** Deletes the temporary files {@code prefix...} left in {@code dir} by dead processes. */
  private static void removeStale(Path dir, String prefix) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir,
        file -> file.getFileName().toString().startsWith(prefix))) {
      for (Path file : files) {
        Matcher m = TEMPORARY.matcher(file.getFileName().toString().substring(prefix.length()));
        if (m.matches() && !running(m.group(1))) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private static boolean running(String pid) {
    try {
      return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return true; // not a pid we wrote: leave the file alone
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
