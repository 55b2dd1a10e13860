package keras4j.metrics;

import keras4j.core.KerasTensor;
import keras4j.ops.Ops;

/**
 * {@code TP / (TP + FN)} with predictions above 0.5 counted positive, Keras's {@code Recall}.
 */
public class Recall extends ThresholdMetric {
  /**
   * Recall logged as {@code name}.
   *
   * @param name the name in logs and {@code History}, e.g. {@code "accuracy"} ({@code val_} is
   *     prepended for validation)
   */
  public Recall(String name) {
    super(name);
  }

  @Override
  public KerasTensor result() {
    return Ops.sum(Ops.divideNoNan(counts.truePositives,
        Ops.add(counts.truePositives, counts.falseNegatives)));
  }
}
