package keras4j.data;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Java threads computing elements in parallel, handed out in the order they were submitted
 * (tf.data's deterministic parallel map, Keras's {@code PyDataset} workers).
 */
final class OrderedWorkers implements AutoCloseable {
  private final ExecutorService pool;
  private final Deque<Future<Batch>> inFlight = new ArrayDeque<>();

  OrderedWorkers(int threads, String name) {
    AtomicInteger count = new AtomicInteger();
    pool = Executors.newFixedThreadPool(threads, task -> {
      Thread thread = new Thread(task, "keras4j-" + name + "-" + count.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts computing an element. */
  void submit(Callable<Batch> task) {
    inFlight.addLast(pool.submit(task));
  }

  /** The number of elements submitted and not taken yet. */
  int size() {
    return inFlight.size();
  }

  /**
   * The oldest submitted element, once computed; its task's exception is thrown here as it was
   * thrown.
   */
  Batch take() {
    Future<Batch> oldest = inFlight.removeFirst();
    try {
      return oldest.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a worker thread", e);
    } catch (ExecutionException e) {
      throw rethrown(e.getCause());
    }
  }

  static RuntimeException rethrown(Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(cause.toString(), cause);
  }

  /** Interrupts the tasks still running and stops the threads, waiting a few seconds at most. */
  @Override
  public void close() {
    inFlight.forEach(f -> f.cancel(true));
    inFlight.clear();
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
