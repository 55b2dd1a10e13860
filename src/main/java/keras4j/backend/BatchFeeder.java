package keras4j.backend;

import java.util.HashMap;
import java.util.Map;
import org.tensorflow.types.TFloat32;

/**
 * Copies batches of x and y into native tensors for a {@link StepFunction}, reusing the tensors of
 * each size from one execution to the next: an epoch needs at most three sizes (stacked batches,
 * one batch, the last partial batch), so it allocates no native memory per step.
 */
public final class BatchFeeder implements AutoCloseable {
  private final HostArray x;
  private final HostArray y;
  private final Map<Integer, TFloat32[]> tensors = new HashMap<>();

  /** A feeder of the samples of {@code x} and their labels {@code y}. */
  public BatchFeeder(HostArray x, HostArray y) {
    this.x = x;
    this.y = y;
  }

  /** The number of samples. */
  public int samples() {
    return x.samples();
  }

  /**
   * The samples {@code order[from..to)} ({@code order} null: as stored) as {x, y}; the tensors
   * are overwritten by the next call for as many samples, and freed by {@link #close}.
   */
  public TFloat32[] rows(int[] order, int from, int to) {
    TFloat32[] pair = tensors.computeIfAbsent(to - from, n -> new TFloat32[] {
        TFloat32.tensorOf(x.batchShape(n)), TFloat32.tensorOf(y.batchShape(n))});
    x.copyRows(order, from, to, pair[0]);
    y.copyRows(order, from, to, pair[1]);
    return pair;
  }

  /** Frees the tensors. */
  @Override
  public void close() {
    for (TFloat32[] pair : tensors.values()) {
      pair[0].close();
      pair[1].close();
    }
    tensors.clear();
  }
}
