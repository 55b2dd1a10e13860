package keras4j.metrics;

import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;

/**
 * True/false positive/negative counts at a list of thresholds, as Keras's {@code
 * metrics_utils.update_confusion_matrix_variables}: a prediction is positive when it is above the
 * threshold; labels and predictions are flattened.
 */
final class ConfusionMatrix {
  final Variable truePositives;
  final Variable falsePositives;
  final Variable trueNegatives;
  final Variable falseNegatives;
  private final float[] thresholds;

  ConfusionMatrix(Metric owner, float[] thresholds) {
    this.thresholds = thresholds.clone();
    Shape shape = Shape.of(thresholds.length);
    truePositives = owner.addVariable("true_positives", shape, 0);
    falsePositives = owner.addVariable("false_positives", shape, 0);
    trueNegatives = owner.addVariable("true_negatives", shape, 0);
    falseNegatives = owner.addVariable("false_negatives", shape, 0);
  }

  int size() {
    return thresholds.length;
  }

  void update(KerasTensor yTrue, KerasTensor yPred, KerasTensor sampleWeight) {
    KerasTensor labels = Ops.expandDims(Ops.reshape(yTrue, -1), 0);
    KerasTensor predictions = Ops.expandDims(Ops.reshape(yPred, -1), 0);
    float[][] column = new float[thresholds.length][1];
    for (int i = 0; i < thresholds.length; i++) {
      column[i][0] = thresholds[i];
    }
    KerasTensor positive = Ops.cast(
        Ops.greater(predictions, KerasTensor.constant(StdArrays.ndCopyOf(column))), "float32");
    KerasTensor negative = Ops.subtract(Ops.onesLike(positive), positive);
    KerasTensor labelNegative = Ops.subtract(Ops.onesLike(labels), labels);
    KerasTensor weights = sampleWeight == null ? null
        : Ops.expandDims(Ops.reshape(sampleWeight, -1), 0);
    truePositives.assignAdd(count(positive, labels, weights));
    falsePositives.assignAdd(count(positive, labelNegative, weights));
    trueNegatives.assignAdd(count(negative, labelNegative, weights));
    falseNegatives.assignAdd(count(negative, labels, weights));
  }

  private static KerasTensor count(KerasTensor predicted, KerasTensor actual, KerasTensor weights) {
    KerasTensor hits = Ops.multiply(predicted, actual);
    return Ops.sum(weights == null ? hits : Ops.multiply(hits, weights), 1);
  }
}
