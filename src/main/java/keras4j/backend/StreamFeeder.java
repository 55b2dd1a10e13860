package keras4j.backend;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Feeds batches read from a stream (a dataset) to a step function: the next group of batches is
 * read and copied into native tensors on a helper thread while TensorFlow runs the current one.
 * Each part's tensor has its values' dtype (the feed converts them to the model's first). As
 * {@link BatchFeeder}, the tensors of each shape are reused, two per shape (the one TensorFlow
 * reads and the one being filled), so an epoch allocates no native memory per step.
 */
public final class StreamFeeder implements AutoCloseable {
  /** Where the batches come from. */
  public interface Source {
    /**
     * The next group of batches to run in one call, each batch its parts (inputs, then labels)
     * of equal numbers of samples; all batches of a group have the same shapes. Null at the end.
     */
    HostRows[][] next();
  }

  /**
   * A group of batches stacked along the batch axis, one tensor per part, valid until the
   * second next {@link #next} of as many samples.
   *
   * @param batches how many batches are stacked
   * @param tensors one tensor per part, of the part's dtype
   */
  public record Fed(int batches, TType[] tensors) {}

  private final Source source;
  // Keyed by the parts' tensor shapes: batches differ in size, and sequences may in length.
  private final Map<List<List<Long>>, TensorSlots> slots = new HashMap<>();
  private final ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "keras4j-data-reader");
    thread.setDaemon(true);
    return thread;
  });
  private Future<Fed> pending;

  /** A feeder of the groups {@code source} gives. */
  public StreamFeeder(Source source) {
    this.source = source;
  }

  /** Starts reading the next group on the helper thread, for the next {@link #next}. */
  public void prefetch() {
    if (pending == null) {
      pending = reader.submit(this::read);
    }
  }

  /**
   * The next group: the one {@link #prefetch} started, or read now; null at the end. An
   * exception of the source is thrown here, as it was thrown.
   */
  public Fed next() {
    if (pending == null) {
      return read();
    }
    Future<Fed> done = pending;
    pending = null;
    try {
      return done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading a batch", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("Reading a batch failed: " + e.getCause(), e.getCause());
    }
  }

  // One read at a time: next() waits for a pending read before reading itself.
  private Fed read() {
    HostRows[][] group = source.next();
    if (group == null) {
      return null;
    }
    int rows = 0;
    for (HostRows[] batch : group) {
      rows += batch[0].samples();
    }
    int total = rows;
    List<List<Long>> shapes = Arrays.stream(group[0])
        .map(part -> Arrays.stream(part.feedShape(total).asArray()).boxed().toList()).toList();
    TType[] slot = slots.computeIfAbsent(shapes, n -> new TensorSlots(group[0].length)).next();
    for (int p = 0; p < slot.length; p++) {
      HostRows first = group[0][p];
      if (first.dtype() != DType.FLOAT32) {
        slot[p] = HostArray.tensor(slot[p], values(group, p), first.dtype(),
            first.feedShape(total));
        continue;
      }
      if (slot[p] == null) {
        slot[p] = TFloat32.tensorOf(first.feedShape(total));
      }
      FloatDataBuffer buffer = ((TFloat32) slot[p]).asRawTensor().data().asFloats();
      long at = 0;
      for (HostRows[] batch : group) {
        batch[p].copyTo(buffer.offset(at));
        at += (long) batch[p].samples() * batch[p].sampleSize();
      }
    }
    TType[] tensors = slot.clone();
    return new Fed(group.length, tensors);
  }

  /** The values of part {@code p} of every batch of {@code group}, one after the other. */
  private static Object values(HostRows[][] group, int p) {
    if (group.length == 1) {
      return group[0][p].values();
    }
    Object[] parts = new Object[group.length];
    int total = 0;
    for (int b = 0; b < group.length; b++) {
      parts[b] = group[b][p].values();
      total += Array.getLength(parts[b]);
    }
    Object all = Array.newInstance(parts[0].getClass().getComponentType(), total);
    int at = 0;
    for (Object part : parts) {
      System.arraycopy(part, 0, all, at, Array.getLength(part));
      at += Array.getLength(part);
    }
    return all;
  }

  /**
   * Stops the helper thread (interrupting a read in progress: a source blocked for good is left
   * after a few seconds rather than hanging the caller) and frees the tensors.
   */
  @Override
  public void close() {
    if (pending != null) {
      pending.cancel(true);
      pending = null;
    }
    reader.shutdownNow();
    boolean stopped;
    try {
      stopped = reader.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = false;
    }
    if (stopped) { // else the reader may still write to them: left to the garbage collector
      slots.values().forEach(TensorSlots::close);
    }
    slots.clear();
  }
}
