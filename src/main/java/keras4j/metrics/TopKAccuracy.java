package keras4j.metrics;

import java.util.Map;
import java.util.function.UnaryOperator;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;

/**
 * What the two top-k accuracies share: a hit when the label's class (taken from the labels by
 * {@code classIds}) is among the {@code k} largest outputs, and {@code k} in the config.
 */
abstract class TopKAccuracy extends MeanMetricWrapper {
  private final int k;

  TopKAccuracy(String name, int k, UnaryOperator<KerasTensor> classIds) {
    super(name, (yTrue, yPred) -> Ops.cast(
        Ops.inTopK(classIds.apply(yTrue), yPred, k), "float32"), "up");
    if (k < 1) {
      throw new IllegalArgumentException(name + " needs k >= 1, got " + k);
    }
    this.k = k;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("k", k);
    return config;
  }
}
