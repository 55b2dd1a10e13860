package keras4j.backend;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tensorflow.types.family.TType;

/**
 * Copies batches of a model's arrays (its inputs, then its labels) into native tensors for a
 * {@link GraphFunction}: the next batch is
 * copied on a helper thread while TensorFlow runs the current one, and the tensors of each size
 * are reused from one execution to the next (two per size, the one TensorFlow reads and the one
 * being filled), so an epoch allocates no native memory per step.
 */
public final class BatchFeeder implements AutoCloseable {
  private final List<HostArray> arrays;
  private final Map<Integer, TensorSlots> slots = new HashMap<>();
  private final ExecutorService copier = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "keras4j-batch-copier");
    thread.setDaemon(true);
    return thread;
  });
  private Future<TType[]> pending;
  private int[] pendingOrder;
  private int pendingFrom = -1;
  private int pendingTo = -1;

  /** A feeder of the samples of {@code x} and their labels {@code y}. */
  public BatchFeeder(HostArray x, HostArray y) {
    this(List.of(x, y));
  }

  /**
   * A feeder of the same samples of several arrays (a model's inputs, then its labels).
   *
   * @param arrays the arrays, each with as many samples as the first
   * @throws IllegalArgumentException if there are none or their numbers of samples differ
   */
  public BatchFeeder(List<HostArray> arrays) {
    if (arrays.isEmpty() || arrays.stream().anyMatch(a -> a.samples() != arrays.get(0).samples())) {
      throw new IllegalArgumentException("A batch feeder needs arrays of as many samples each, got "
          + arrays.stream().map(HostArray::samples).toList());
    }
    this.arrays = List.copyOf(arrays);
  }

  /** The number of samples. */
  public int samples() {
    return arrays.get(0).samples();
  }

  /**
   * The samples {@code order[from..to)} ({@code order} null: as stored) of every array, in the
   * order of the arrays: the batch
   * {@link #prefetch} started, or copied now. The tensors stay valid until the second next call
   * for as many samples, and are freed by {@link #close}.
   */
  public TType[] rows(int[] order, int from, int to) {
    if (pending != null) {
      boolean hit = pendingOrder == order && pendingFrom == from && pendingTo == to;
      TType[] prefetched = await();
      if (hit) {
        return prefetched;
      }
    }
    return fill(order, from, to);
  }

  /** Starts copying the samples {@code order[from..to)} for the next {@link #rows} call. */
  public void prefetch(int[] order, int from, int to) {
    if (pending != null) {
      await();
    }
    pendingOrder = order;
    pendingFrom = from;
    pendingTo = to;
    pending = copier.submit(() -> fill(order, from, to));
  }

  private TType[] await() {
    Future<TType[]> done = pending;
    pending = null;
    try {
      return done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while copying a batch", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Copying a batch failed", e.getCause());
    }
  }

  // Runs on one thread at a time: rows() waits for a pending copy before copying itself.
  private TType[] fill(int[] order, int from, int to) {
    TType[] tensors = slots.computeIfAbsent(to - from, rows -> new TensorSlots(arrays.size()))
        .next();
    for (int i = 0; i < tensors.length; i++) {
      tensors[i] = arrays.get(i).fill(tensors[i], order, from, to);
    }
    return tensors.clone();
  }

  /** Waits for a pending copy, stops the helper thread and frees the tensors. */
  @Override
  public void close() {
    if (pending != null) {
      await();
    }
    copier.shutdown();
    slots.values().forEach(TensorSlots::close);
    slots.clear();
  }
}
