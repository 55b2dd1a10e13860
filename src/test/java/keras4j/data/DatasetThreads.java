package keras4j.data;

import java.util.List;

/** Checks that no thread of a dataset, or of the feeding of one, outlives its pass or its fit. */
public final class DatasetThreads {
  private DatasetThreads() {}

  /** Fails unless every such thread stops within a few seconds. */
  public static void assertNoneLeft() {
    long deadline = System.nanoTime() + 6_000_000_000L;
    List<String> alive;
    do {
      alive = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
          .map(Thread::getName).filter(n -> n.startsWith("keras4j-data")
              || n.startsWith("keras4j-pydataset")).toList();
      if (alive.isEmpty()) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    } while (System.nanoTime() < deadline);
    throw new AssertionError("dataset threads still running: " + alive);
  }
}
