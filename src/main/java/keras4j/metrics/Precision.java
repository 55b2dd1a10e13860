package keras4j.metrics;

import keras4j.core.KerasTensor;
import keras4j.ops.Ops;

/**
 * {@code TP / (TP + FP)} with predictions above 0.5 counted positive, Keras's {@code Precision}.
 */
public class Precision extends ThresholdMetric {
  /**
   * Precision logged as {@code name}.
   *
   * @param name the name in logs and {@code History}, e.g. {@code "accuracy"} ({@code val_} is
   *     prepended for validation)
   */
  public Precision(String name) {
    super(name);
  }

  @Override
  public KerasTensor result() {
    return Ops.sum(Ops.divideNoNan(counts.truePositives,
        Ops.add(counts.truePositives, counts.falsePositives)));
  }
}
