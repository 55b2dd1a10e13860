package keras4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A test's child JVM on the test class path, to be killed with {@code SIGKILL}. */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * Starts {@code main}'s {@code main(args)} in a new JVM, its output discarded.
   *
   * @param main the class whose main method the child runs
   * @param args its arguments
   * @return the child
   * @throws IOException if the JVM cannot start
   */
  public static Process start(Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /**
   * Kills {@code child} as {@code kill -9} does (on Unix: no shutdown hooks, no finally blocks)
   * and waits for it to die.
   *
   * @param child the child
   * @throws InterruptedException if interrupted while waiting
   */
  public static void kill(Process child) throws InterruptedException {
    child.destroyForcibly();
    child.waitFor(30, TimeUnit.SECONDS);
  }

  /**
   * In a child: writes {@code marker}, then sleeps until the test kills the JVM.
   *
   * @param marker the file the test waits for
   */
  public static void stallUntilKilled(Path marker) {
    try {
      java.nio.file.Files.writeString(marker, "stalled");
      Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts {@code main} with {@code args}, waits (two minutes at most) until it has written
   * {@code marker} ({@link #stallUntilKilled}) and kills it.
   *
   * @param main the class whose main method the child runs
   * @param marker the file the child writes where it stalls
   * @param args its arguments
   * @throws Exception if the child cannot start, or never writes the marker
   */
  public static void killOnceStalled(Class<?> main, Path marker, String... args)
      throws Exception {
    Process child = start(main, args);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!java.nio.file.Files.exists(marker) && child.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      if (!java.nio.file.Files.exists(marker)) {
        throw new AssertionError("the child " + main.getSimpleName() + " never reached the point"
            + " where it stalls (alive: " + child.isAlive() + ")");
      }
    } finally {
      kill(child);
    }
  }
}
