package keras4j.metrics;

import keras4j.core.KerasTensor;
import keras4j.ops.Ops;

/**
 * The area under the ROC curve, Keras's {@code AUC()}: the confusion matrix at 200 thresholds
 * evenly spaced over [0, 1] (plus one just below 0 and one just above 1), summed by the trapezoid
 * rule ({@code summation_method="interpolation"}).
 */
public class AUC extends Metric {
  private static final int THRESHOLDS = 200;
  private static final float EPSILON = 1e-7f;
  private final ConfusionMatrix counts;

  /**
   * The AUC logged as {@code name}.
   *
   * @param name the name to log the metric under, e.g. {@code "auc"}
   */
  public AUC(String name) {
    super(name);
    float[] thresholds = new float[THRESHOLDS];
    for (int i = 1; i < THRESHOLDS - 1; i++) {
      thresholds[i] = i / (float) (THRESHOLDS - 1);
    }
    thresholds[0] = -EPSILON;
    thresholds[THRESHOLDS - 1] = 1 + EPSILON;
    counts = new ConfusionMatrix(this, thresholds);
  }

  @Override
  public void updateState(KerasTensor yTrue, KerasTensor yPred, KerasTensor sampleWeight) {
    counts.update(yTrue, yPred, sampleWeight);
  }

  @Override
  public KerasTensor result() {
    KerasTensor recall = Ops.divideNoNan(counts.truePositives,
        Ops.add(counts.truePositives, counts.falseNegatives));
    KerasTensor falsePositiveRate = Ops.divideNoNan(counts.falsePositives,
        Ops.add(counts.falsePositives, counts.trueNegatives));
    KerasTensor heights = Ops.multiply(Ops.add(head(recall), tail(recall)), 0.5);
    return Ops.sum(Ops.multiply(
        Ops.subtract(head(falsePositiveRate), tail(falsePositiveRate)), heights));
  }

  private static KerasTensor head(KerasTensor x) {
    return Ops.slice(x, new long[] {0}, new long[] {THRESHOLDS - 1});
  }

  private static KerasTensor tail(KerasTensor x) {
    return Ops.slice(x, new long[] {1}, new long[] {THRESHOLDS - 1});
  }

  @Override
  public String direction() {
    return "up";
  }
}
