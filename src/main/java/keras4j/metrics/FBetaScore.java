package keras4j.metrics;

import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * The F-beta score, Keras's {@code FBetaScore}: {@code (1 + beta²) * precision * recall /
 * (beta² * precision + recall)} per class, for multi-class and multi-label outputs of shape
 * (samples, classes). A prediction counts as positive above {@code threshold}, or, without one,
 * when it is its row's largest (and not 0).
 *
 * <p>{@code average}: null, one score per class (in {@code fit}'s logs, which hold numbers,
 * their mean, as Keras's progress bar prints it); {@code "micro"}, from the counts summed over
 * classes; {@code "macro"}, the mean of the per-class scores; {@code "weighted"}, their mean
 * weighted by each class's number of true labels.
 */
public class FBetaScore extends Metric {
  private static final List<String> AVERAGES = java.util.Arrays.asList(null, "micro", "macro",
      "weighted");
  private static final double EPSILON = 1e-7;
  private final String average;
  private final double beta;
  private final Double threshold;
  private Variable truePositives;
  private Variable falsePositives;
  private Variable falseNegatives;
  private Variable intermediateWeights;

  /** Keras's defaults: no averaging, beta 1, the arg-max rule, named {@code fbeta_score}. */
  public FBetaScore() {
    this(null, 1.0, null, "fbeta_score");
  }

  /**
   * Keras's {@code FBetaScore(average, beta, threshold, name)}.
   *
   * @param average null, "micro", "macro" or "weighted" (see the class comment)
   * @param beta the weight of recall against precision, above 0
   * @param threshold predictions above it are positive, in (0, 1]; null: each row's largest
   * @param name the name in logs
   * @throws IllegalArgumentException for another average, beta or threshold
   */
  public FBetaScore(String average, double beta, Double threshold, String name) {
    super(name);
    if (!AVERAGES.contains(average)) {
      throw new IllegalArgumentException("Invalid `average` argument value. Expected one of:"
          + " {null, \"micro\", \"macro\", \"weighted\"}. Received: average=" + average);
    }
    if (!(beta > 0)) {
      throw new IllegalArgumentException(
          "Invalid `beta` argument value. It should be > 0. Received: beta=" + beta);
    }
    if (threshold != null && !(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("Invalid `threshold` argument value. It should verify"
          + " 0 < threshold <= 1. Received: threshold=" + threshold);
    }
    this.average = average;
    this.beta = beta;
    this.threshold = threshold;
  }

  /**
   * The score a Keras config describes.
   *
   * @param config the {@code config} of a serialized {@code FBetaScore}
   * @return the metric
   */
  public static FBetaScore fromConfig(ConfigReader config) {
    return new FBetaScore(config.string("average", null), config.doubleValue("beta", 1.0),
        threshold(config), config.string("name", "fbeta_score"));
  }

  static Double threshold(ConfigReader config) {
    return config.has("threshold") ? config.doubleValue("threshold", 0) : null;
  }

  /** The counts, one per class (one in all for "micro"), made once the classes are known. */
  private void build(Shape labels, Shape predictions) {
    if (predictions.numDimensions() != 2 || labels.numDimensions() != 2) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " expects 2D inputs with"
          + " shape (batch_size, output_dim). Received input shapes: y_pred.shape="
          + Shapes.toKeras(predictions) + " and y_true.shape=" + Shapes.toKeras(labels));
    }
    Shape shape = "micro".equals(average) ? Shape.scalar() : Shape.of(predictions.get(1));
    truePositives = addVariable("true_positives", shape, 0);
    falsePositives = addVariable("false_positives", shape, 0);
    falseNegatives = addVariable("false_negatives", shape, 0);
    intermediateWeights = addVariable("intermediate_weights", shape, 0);
  }

  @Override
  public void updateState(KerasTensor yTrue, KerasTensor yPred, KerasTensor sampleWeight) {
    if (truePositives == null) {
      build(yTrue.shape(), yPred.shape());
    }
    KerasTensor predicted;
    if (threshold == null) {
      KerasTensor rowMax = Ops.expandDims(Ops.max(yPred, -1), -1);
      predicted = Ops.cast(Ops.logicalAnd(Ops.greaterEqual(yPred, rowMax),
          Ops.greater(Ops.abs(yPred), constant(1e-9))), "float32");
    } else {
      predicted = Ops.cast(Ops.greater(yPred, constant(threshold)), "float32");
    }
    KerasTensor notPredicted = Ops.subtract(Ops.onesLike(predicted), predicted);
    KerasTensor weights = sampleWeight == null ? null : Ops.reshape(sampleWeight, -1, 1);
    truePositives.assignAdd(weightedSum(Ops.multiply(predicted, yTrue), weights));
    falsePositives.assignAdd(weightedSum(
        Ops.multiply(predicted, Ops.subtract(Ops.onesLike(yTrue), yTrue)), weights));
    falseNegatives.assignAdd(weightedSum(Ops.multiply(notPredicted, yTrue), weights));
    intermediateWeights.assignAdd(weightedSum(yTrue, weights));
  }

  private KerasTensor weightedSum(KerasTensor values, KerasTensor weights) {
    KerasTensor weighted = weights == null ? values : Ops.multiply(values, weights);
    return "micro".equals(average) ? Ops.sum(weighted) : Ops.sum(weighted, 0);
  }

  @Override
  public KerasTensor result() {
    if (truePositives == null) {
      throw new IllegalStateException(name() + " has no result before its first updateState");
    }
    KerasTensor precision = Ops.divide(truePositives,
        Ops.add(Ops.add(truePositives, falsePositives), EPSILON));
    KerasTensor recall = Ops.divide(truePositives,
        Ops.add(Ops.add(truePositives, falseNegatives), EPSILON));
    double b2 = beta * beta;
    KerasTensor score = Ops.multiply(Ops.divide(Ops.multiply(precision, recall),
        Ops.add(Ops.add(Ops.multiply(precision, b2), recall), EPSILON)), 1 + b2);
    if ("weighted".equals(average)) {
      KerasTensor weights = Ops.divide(intermediateWeights,
          Ops.add(Ops.sum(intermediateWeights), EPSILON));
      return Ops.sum(Ops.multiply(score, weights));
    }
    return average == null ? score : Ops.mean(score);
  }

  @Override
  public String direction() {
    return "up";
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("average", average);
    config.put("beta", beta);
    config.put("threshold", threshold);
    return config;
  }
}
