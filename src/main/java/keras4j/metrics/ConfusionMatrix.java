package keras4j.metrics;

import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;

/**
 * True/false positive/negative counts at a list of thresholds, as Keras's {@code
 * metrics_utils.update_confusion_matrix_variables}: a prediction is positive when it is above the
 * threshold, a label when it is non-zero; labels and predictions are flattened, each sample's
 * weight applying to all its values. Thresholds spread evenly over [0, 1] clip the predictions
 * to [0, 1] first, as Keras's bucketed fast path does; {@code classId} keeps one column.
 */
final class ConfusionMatrix {
  final Variable truePositives;
  final Variable falsePositives;
  final Variable trueNegatives;
  final Variable falseNegatives;
  private final float[] thresholds;
  private final boolean clipped;
  private final Integer classId;

  ConfusionMatrix(Metric owner, float[] thresholds, boolean evenlySpread, Integer classId) {
    this.thresholds = thresholds.clone();
    this.clipped = evenlySpread;
    this.classId = classId;
    Shape shape = Shape.of(thresholds.length);
    truePositives = owner.addVariable("true_positives", shape, 0);
    falsePositives = owner.addVariable("false_positives", shape, 0);
    trueNegatives = owner.addVariable("true_negatives", shape, 0);
    falseNegatives = owner.addVariable("false_negatives", shape, 0);
  }

  /** Keras's thresholds {@code [0, 1/(n-1), ..., 1]}, widened by {@code epsilon} at both ends. */
  static float[] evenThresholds(int count, float epsilon) {
    float[] thresholds = new float[count];
    for (int i = 1; i < count - 1; i++) {
      thresholds[i] = (float) (i * 1.0 / (count - 1));
    }
    thresholds[0] = -epsilon;
    thresholds[count - 1] = 1 + epsilon;
    return thresholds;
  }

  void update(KerasTensor yTrue, KerasTensor yPred, KerasTensor sampleWeight) {
    KerasTensor weights = null;
    if (sampleWeight != null) {
      // One weight per sample, spread over the sample's values before flattening.
      long[] column = new long[Math.max(1, yPred.shape().numDimensions())];
      java.util.Arrays.fill(column, 1);
      column[0] = -1;
      weights = Ops.multiply(Ops.onesLike(yPred), Ops.reshape(sampleWeight, column));
    }
    if (classId != null) {
      yTrue = column(yTrue);
      yPred = column(yPred);
      weights = weights == null ? null : column(weights);
    }
    KerasTensor labels = Ops.expandDims(Ops.reshape(yTrue, -1), 0);
    labels = Ops.cast(Ops.notEqual(labels, Ops.zerosLike(labels)), "float32");
    KerasTensor predictions = Ops.expandDims(Ops.reshape(yPred, -1), 0);
    if (clipped) {
      predictions = Ops.clip(predictions, 0, 1);
    }
    float[][] thresholdColumn = new float[thresholds.length][1];
    for (int i = 0; i < thresholds.length; i++) {
      thresholdColumn[i][0] = thresholds[i];
    }
    KerasTensor positive = Ops.cast(
        Ops.greater(predictions, KerasTensor.constant(StdArrays.ndCopyOf(thresholdColumn))),
        "float32");
    KerasTensor negative = Ops.subtract(Ops.onesLike(positive), positive);
    KerasTensor labelNegative = Ops.subtract(Ops.onesLike(labels), labels);
    KerasTensor flatWeights = weights == null ? null : Ops.expandDims(Ops.reshape(weights, -1), 0);
    truePositives.assignAdd(count(positive, labels, flatWeights));
    falsePositives.assignAdd(count(positive, labelNegative, flatWeights));
    trueNegatives.assignAdd(count(negative, labelNegative, flatWeights));
    falseNegatives.assignAdd(count(negative, labels, flatWeights));
  }

  /** The values of class {@code classId}: {@code x[..., classId]}. */
  private KerasTensor column(KerasTensor x) {
    Shape shape = x.shape();
    int last = shape.numDimensions() - 1;
    if (last < 1) {
      throw new IllegalArgumentException("When classId is given, predictions must have shape"
          + " (samples, classes); got " + keras4j.core.Shapes.toKeras(shape));
    }
    long classes = shape.get(last);
    if (classes >= 0 && classId >= classes) {
      throw new IllegalArgumentException(
          "classId " + classId + " is out of range for " + classes + " classes");
    }
    long[] start = new long[last + 1];
    long[] size = new long[last + 1];
    java.util.Arrays.fill(size, -1);
    start[last] = classId;
    size[last] = 1;
    return Ops.slice(x, start, size);
  }

  private static KerasTensor count(KerasTensor predicted, KerasTensor actual, KerasTensor weights) {
    KerasTensor hits = Ops.multiply(predicted, actual);
    return Ops.sum(weights == null ? hits : Ops.multiply(hits, weights), 1);
  }
}
