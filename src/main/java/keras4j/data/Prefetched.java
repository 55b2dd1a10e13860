package keras4j.data;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link Dataset#prefetch}: a thread of its own reads the input into a bounded queue. The input
 * pass is opened, read and closed on that thread; an exception it throws is handed over in
 * order, after the elements read before it.
 */
final class Prefetched extends Dataset {
  private static final Object END = new Object();

  private final Dataset input;
  private final int bufferSize;

  Prefetched(Dataset input, int bufferSize) {
    this.input = input;
    this.bufferSize = bufferSize;
  }

  @Override
  public DatasetIterator iterator() {
    BlockingQueue<Object> queue = new ArrayBlockingQueue<>(bufferSize);
    AtomicBoolean closed = new AtomicBoolean();
    Thread producer = new Thread(() -> {
      Object last = END;
      try (DatasetIterator in = input.iterator()) {
        while (in.hasNext()) {
          if (!deliver(queue, in.next(), closed)) {
            return;
          }
        }
      } catch (RuntimeException | Error e) {
        last = e;
      }
      deliver(queue, last, closed);
    }, "keras4j-data-prefetch");
    producer.setDaemon(true);
    producer.start();
    return new DatasetIterator() {
      @Override
      protected Batch pull() {
        Object next;
        try {
          next = queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for a prefetched element", e);
        }
        if (next == END) {
          return null;
        }
        if (next instanceof Throwable failure) {
          throw OrderedWorkers.rethrown(failure);
        }
        return (Batch) next;
      }

      @Override
      protected void release() {
        closed.set(true);
        producer.interrupt();
        try {
          producer.join(5000); // a source blocked for good is left behind rather than hang
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  /** Puts {@code item} in the queue unless the pass is closed first; false if it was. */
  private static boolean deliver(BlockingQueue<Object> queue, Object item, AtomicBoolean closed) {
    while (!closed.get()) {
      try {
        if (queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
          return true;
        }
      } catch (InterruptedException e) {
        return false; // interrupted by release()
      }
    }
    return false;
  }

  @Override
  public long cardinality() {
    return input.cardinality();
  }
}
