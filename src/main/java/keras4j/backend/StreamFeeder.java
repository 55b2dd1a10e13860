package keras4j.backend;

import java.util.HashMap;
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
 * As {@link BatchFeeder}, the tensors of each size are reused, two per size (the one TensorFlow
 * reads and the one being filled), so an epoch allocates no native memory per step.
 */
public final class StreamFeeder implements AutoCloseable {
  /** Where the batches come from. */
  public interface Source {
    /**
     * The next group of batches to run in one call, each batch its parts (inputs, then labels)
     * of equal numbers of samples; all batches of a group have as many samples. Null at the end.
     */
    HostRows[][] next();
  }

  /**
   * A group of batches stacked along the batch axis, one tensor per part, valid until the
   * second next {@link #next} of as many samples.
   *
   * @param batches how many batches are stacked
   * @param tensors one tensor per part
   */
  public record Fed(int batches, TFloat32[] tensors) {}

  private final Source source;
  private final Map<Integer, TensorSlots> slots = new HashMap<>();
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
    // Datasets hold float32 values (HostRows): the slots are float32 tensors.
    TType[] slot = slots.computeIfAbsent(total, n -> new TensorSlots(group[0].length)).next();
    TFloat32[] tensors = new TFloat32[slot.length];
    for (int p = 0; p < tensors.length; p++) {
      if (slot[p] == null) {
        slot[p] = TFloat32.tensorOf(group[0][p].feedShape(total));
      }
      tensors[p] = (TFloat32) slot[p];
      FloatDataBuffer buffer = tensors[p].asRawTensor().data().asFloats();
      long at = 0;
      for (HostRows[] batch : group) {
        batch[p].copyTo(buffer.offset(at));
        at += (long) batch[p].samples() * batch[p].sampleSize();
      }
    }
    return new Fed(group.length, tensors);
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
