package keras4j.metrics;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.ops.Ops;

/**
 * One count of the confusion matrix at the threshold 0.5, Keras's {@code
 * _ConfusionMatrixConditionCount}: what {@link TruePositives}, {@link FalsePositives}, {@link
 * TrueNegatives} and {@link FalseNegatives} share. Keras's other thresholds are not offered. As in
 * Keras, a count has no direction: monitoring one needs {@code mode("min")} or {@code mode("max")}.
 */
abstract class ConfusionCount extends ThresholdMetric {
  ConfusionCount(String name) {
    super(name);
  }

  /** The count this metric reports. */
  abstract Variable count();

  @Override
  public String direction() {
    return null;
  }

  @Override
  public KerasTensor result() {
    return Ops.sum(count());
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("thresholds", null);
    return config;
  }
}
