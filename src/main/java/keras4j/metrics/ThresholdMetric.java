package keras4j.metrics;

import keras4j.core.KerasTensor;

/**
 * What Precision and Recall share: the confusion counts at the threshold 0.5, updated from
 * labels and predictions, higher being better.
 */
abstract class ThresholdMetric extends Metric {
  final ConfusionMatrix counts;

  ThresholdMetric(String name) {
    super(name);
    counts = new ConfusionMatrix(this, new float[] {0.5f}, false, null);
  }

  @Override
  public void updateState(KerasTensor yTrue, KerasTensor yPred, KerasTensor sampleWeight) {
    counts.update(yTrue, yPred, sampleWeight);
  }

  @Override
  public String direction() {
    return "up";
  }
}
