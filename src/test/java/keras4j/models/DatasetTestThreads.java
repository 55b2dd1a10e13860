package keras4j.models;

import java.util.List;

/** Checks that no thread of a dataset or of the feeding of one outlives a fit. */
final class DatasetTestThreads {
  private DatasetTestThreads() {}

  static void assertNoneLeft() {
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
