package keras4j.metrics;

import keras4j.core.KerasTensor;
import keras4j.ops.Ops;

/**
 * {@code TP / (TP + FN)} with predictions above 0.5 counted positive, Keras's {@code Recall}.
 */
public class Recall extends Metric {
  private final ConfusionMatrix counts;

  /** Recall logged as {@code name}. */
  public Recall(String name) {
    super(name);
    counts = new ConfusionMatrix(this, new float[] {0.5f});
  }

  @Override
  public void updateState(KerasTensor yTrue, KerasTensor yPred, KerasTensor sampleWeight) {
    counts.update(yTrue, yPred, sampleWeight);
  }

  @Override
  public KerasTensor result() {
    return Ops.sum(Ops.divideNoNan(counts.truePositives,
        Ops.add(counts.truePositives, counts.falseNegatives)));
  }

  @Override
  public String direction() {
    return "up";
  }
}
