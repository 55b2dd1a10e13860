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
 *
 * <p>Keras's {@code multi_label}: with a label count, predictions of shape (samples, labels) are
 * counted per label, the counts shaped (thresholds, labels). Flattened counts may weigh each
 * label column by {@code labelWeights} (Keras's {@code label_weights} without {@code
 * multi_label}).
 */
final class ConfusionMatrix {
  final Variable truePositives;
  final Variable falsePositives;
  final Variable trueNegatives;
  final Variable falseNegatives;
  private final float[] thresholds;
  private final boolean clipped;
  private final Integer classId;
  private final Long labels;
  private final float[] labelWeights;

  ConfusionMatrix(Metric owner, float[] thresholds, boolean evenlySpread, Integer classId) {
    this(owner, thresholds, evenlySpread, classId, null, null);
  }

  /**
   * Counts at {@code thresholds}, per label when {@code labels} is given, else flattened and
   * weighted by {@code labelWeights} (or not, when null).
   */
  ConfusionMatrix(Metric owner, float[] thresholds, boolean evenlySpread, Integer classId,
      Long labels, float[] labelWeights) {
    this.thresholds = thresholds.clone();
    this.clipped = evenlySpread;
    this.classId = classId;
    this.labels = labels;
    this.labelWeights = labelWeights == null ? null : labelWeights.clone();
    Shape shape = labels == null ? Shape.of(thresholds.length) : Shape.of(thresholds.length, labels);
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
    if (labels != null || labelWeights != null) {
      checkLabels(yPred.shape());
    }
    KerasTensor weights = null;
    if (sampleWeight != null) {
      // One weight per sample, spread over the sample's values before flattening.
      long[] column = new long[Math.max(1, yPred.shape().numDimensions())];
      java.util.Arrays.fill(column, 1);
      column[0] = -1;
      weights = Ops.multiply(Ops.onesLike(yPred), Ops.reshape(sampleWeight, column));
    }
    if (labelWeights != null) {
      KerasTensor perLabel = KerasTensor.constant(StdArrays.ndCopyOf(labelWeights));
      weights = Ops.multiply(weights == null ? Ops.onesLike(yPred) : weights, perLabel);
    }
    if (classId != null) {
      yTrue = column(yTrue);
      yPred = column(yPred);
      weights = weights == null ? null : column(weights);
    }
    // Per label: (1, samples, labels) against thresholds (thresholds, 1, 1); else flattened:
    // (1, values) against (thresholds, 1). Counts sum over the samples axis, 1.
    long[] data = labels == null ? new long[] {1, -1} : new long[] {1, -1, labels};
    long[] thresholdShape = labels == null ? new long[] {-1, 1} : new long[] {-1, 1, 1};
    KerasTensor actual = Ops.reshape(yTrue, data);
    actual = Ops.cast(Ops.notEqual(actual, Ops.zerosLike(actual)), "float32");
    KerasTensor predictions = Ops.reshape(yPred, data);
    if (clipped) {
      predictions = Ops.clip(predictions, 0, 1);
    }
    KerasTensor positive = Ops.cast(Ops.greater(predictions, Ops.reshape(
        KerasTensor.constant(StdArrays.ndCopyOf(thresholds)), thresholdShape)), "float32");
    KerasTensor negative = Ops.subtract(Ops.onesLike(positive), positive);
    KerasTensor actualNegative = Ops.subtract(Ops.onesLike(actual), actual);
    KerasTensor flatWeights = weights == null ? null : Ops.reshape(weights, data);
    truePositives.assignAdd(count(positive, actual, flatWeights));
    falsePositives.assignAdd(count(positive, actualNegative, flatWeights));
    trueNegatives.assignAdd(count(negative, actualNegative, flatWeights));
    falseNegatives.assignAdd(count(negative, actual, flatWeights));
  }

  /** Predictions must be (samples, labels) to be counted per label or weighed by label. */
  private void checkLabels(Shape shape) {
    if (labels != null) {
      requireMultiLabelRank(shape);
    }
    long expected = labels != null ? labels : labelWeights.length;
    String what = labels != null ? "labels" : "label_weights";
    long found = shape.numDimensions() < 1 ? 1 : shape.get(shape.numDimensions() - 1);
    if (found >= 0 && found != expected) {
      throw new IllegalArgumentException("Predictions of shape " + keras4j.core.Shapes.toKeras(
          shape) + " have " + found + " labels where the metric counts " + expected + " " + what
          + "; give as many " + what + " as the predictions have columns");
    }
  }

  /** Keras's error for multi-label predictions not shaped (samples, labels). */
  static void requireMultiLabelRank(Shape shape) {
    if (shape.numDimensions() != 2) {
      throw new IllegalArgumentException("`y_pred` must have rank 2 when `multi_label=True`."
          + " Found rank " + shape.numDimensions() + ". Full shape received for `y_pred`: "
          + keras4j.core.Shapes.toKeras(shape));
    }
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
