package keras4j.metrics;

import keras4j.core.KerasTensor;
import keras4j.ops.Ops;

/**
 * {@code TP / (TP + FN)} with predictions above 0.5 counted positive, Keras's {@code Recall}.
 */
public class Recall extends ThresholdMetric {
  /** Recall logged as {@code name}. */
  public Recall(String name) {
    super(name);
  }

  @Override
  public KerasTensor result() {
    return Ops.sum(Ops.divideNoNan(counts.truePositives,
        Ops.add(counts.truePositives, counts.falseNegatives)));
  }
}
