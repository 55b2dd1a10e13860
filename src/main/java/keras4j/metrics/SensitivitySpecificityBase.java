package keras4j.metrics;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * What the four "X at Y" metrics share, as Keras's {@code SensitivitySpecificityBase}: the
 * confusion matrix at {@code numThresholds} thresholds evenly spaced over [0, 1] (one threshold,
 * 0.5, when {@code numThresholds} is 1), optionally of one class's column ({@code classId}), and
 * the best value of one rate among the thresholds where another reaches the target {@code value}.
 */
abstract class SensitivitySpecificityBase extends Metric {
  private final String valueKey;
  private final double value;
  private final int numThresholds;
  private final Integer classId;
  private final ConfusionMatrix counts;

  SensitivitySpecificityBase(String valueKey, double value, int numThresholds, Integer classId,
      String name) {
    super(name);
    if (value < 0 || value > 1) {
      throw new IllegalArgumentException("Argument `" + valueKey + "` must be in the range"
          + " [0, 1]. Received: " + valueKey + "=" + value);
    }
    if (numThresholds <= 0) {
      throw new IllegalArgumentException("Argument `num_thresholds` must be an integer > 0."
          + " Received: num_thresholds=" + numThresholds);
    }
    this.valueKey = valueKey;
    this.value = value;
    this.numThresholds = numThresholds;
    this.classId = classId;
    counts = numThresholds == 1
        ? new ConfusionMatrix(this, new float[] {0.5f}, false, classId)
        : new ConfusionMatrix(this, ConfusionMatrix.evenThresholds(numThresholds, 0), true,
            classId);
  }

  /** The constructor shared by the four subclasses: (value, numThresholds, classId, name). */
  @FunctionalInterface
  interface Factory<M> {
    M create(double value, int numThresholds, Integer classId, String name);
  }

  /** A subclass from its Keras config, whose target rate is {@code valueKey}. */
  static <M> M fromConfig(ConfigReader config, String valueKey, String defaultName,
      Factory<M> factory) {
    return factory.create(config.doubleValue(valueKey, 0), config.intValue("num_thresholds", 200),
        config.has("class_id") ? config.intValue("class_id") : null,
        config.string("name", defaultName));
  }

  @Override
  public void updateState(KerasTensor yTrue, KerasTensor yPred, KerasTensor sampleWeight) {
    counts.update(yTrue, yPred, sampleWeight);
  }

  /** Recall (sensitivity) at each threshold. */
  KerasTensor recalls() {
    return Ops.divideNoNan(counts.truePositives,
        Ops.add(counts.truePositives, counts.falseNegatives));
  }

  /** Precision at each threshold. */
  KerasTensor precisions() {
    return Ops.divideNoNan(counts.truePositives,
        Ops.add(counts.truePositives, counts.falsePositives));
  }

  /** Specificity (true negative rate) at each threshold. */
  KerasTensor specificities() {
    return Ops.divideNoNan(counts.trueNegatives,
        Ops.add(counts.trueNegatives, counts.falsePositives));
  }

  /** The largest {@code dependent} where {@code constrained >= value}, 0 if there is none. */
  KerasTensor bestWhere(KerasTensor constrained, KerasTensor dependent) {
    KerasTensor feasible = Ops.greaterEqual(constrained, constant(value));
    return Ops.maximum(Ops.max(Ops.where(feasible, dependent, 0), 0), 0);
  }

  @Override
  public String direction() {
    return "up";
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("class_id", classId);
    config.put("num_thresholds", numThresholds);
    config.put(valueKey, value);
    return config;
  }
}
