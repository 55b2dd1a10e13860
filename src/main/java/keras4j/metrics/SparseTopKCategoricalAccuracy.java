package keras4j.metrics;

import java.util.Map;
import keras4j.ops.Ops;

/**
 * Keras's {@code SparseTopKCategoricalAccuracy} ({@code "sparse_top_k_categorical_accuracy"}, k 5
 * by default): the fraction of samples whose class-id label is among the {@code k} largest
 * outputs.
 */
public class SparseTopKCategoricalAccuracy extends MeanMetricWrapper {
  private final int k;

  /** The metric logged as {@code name}, counting a hit within the top {@code k}. */
  public SparseTopKCategoricalAccuracy(String name, int k) {
    super(name, (yTrue, yPred) -> Ops.inTopK(Ops.reshape(yTrue, -1), yPred, k), "up");
    this.k = k;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("k", k);
    return config;
  }
}
