package keras4j.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * The coefficient of determination, Keras's {@code R2Score}: per output column {@code 1 -
 * sum((y - ŷ)²) / sum((y - mean(y))²)}, sample weights applied, for outputs of shape (samples,
 * outputs). A column whose labels do not vary scores 0 (Keras turns its infinity into 0).
 *
 * <p>{@code classAggregation}: "uniform_average" (the default) averages the columns,
 * "variance_weighted_average" weights them by their labels' variance, null keeps one score per
 * column (in {@code fit}'s logs, their mean). With {@code numRegressors} p above 0 the score is
 * adjusted, {@code 1 - (1 - R²)(n - 1)/(n - p - 1)} over the n values seen, when {@code p < n -
 * 1} (otherwise the plain score, where Keras also warns).
 */
public class R2Score extends Metric {
  private static final List<String> AGGREGATIONS =
      Arrays.asList(null, "uniform_average", "variance_weighted_average");
  private final String classAggregation;
  private final int numRegressors;
  private final Variable numSamples;
  private Variable squaredSum;
  private Variable sum;
  private Variable residual;
  private Variable count;

  /** Keras's defaults: the columns' plain average, no adjustment, named {@code r2_score}. */
  public R2Score() {
    this("uniform_average", 0, "r2_score");
  }

  /**
   * Keras's {@code R2Score(class_aggregation, num_regressors, name)}.
   *
   * @param classAggregation "uniform_average", "variance_weighted_average" or null (see the class
   *     comment)
   * @param numRegressors the number of independent variables for the adjusted score, 0 for none
   * @param name the name in logs
   * @throws IllegalArgumentException for another aggregation or a negative {@code numRegressors}
   */
  public R2Score(String classAggregation, int numRegressors, String name) {
    super(name);
    if (!AGGREGATIONS.contains(classAggregation)) {
      throw new IllegalArgumentException("Invalid value for argument `class_aggregation`."
          + " Expected one of [null, \"uniform_average\", \"variance_weighted_average\"]."
          + " Received: class_aggregation=" + classAggregation);
    }
    if (numRegressors < 0) {
      throw new IllegalArgumentException("Invalid value for argument `num_regressors`. Expected"
          + " a value >= 0. Received: num_regressors=" + numRegressors);
    }
    this.classAggregation = classAggregation;
    this.numRegressors = numRegressors;
    numSamples = addVariable("num_samples", Shape.scalar(), 0);
  }

  /**
   * The score a Keras config describes.
   *
   * @param config the {@code config} of a serialized {@code R2Score}
   * @return the metric
   */
  public static R2Score fromConfig(ConfigReader config) {
    return new R2Score(
        config.asMap().containsKey("class_aggregation")
            ? config.string("class_aggregation", null) : "uniform_average",
        config.intValue("num_regressors", 0), config.string("name", "r2_score"));
  }

  @Override
  public void updateState(KerasTensor yTrue, KerasTensor yPred, KerasTensor sampleWeight) {
    if (squaredSum == null) {
      if (yPred.shape().numDimensions() != 2 || yTrue.shape().numDimensions() != 2) {
        throw new IllegalArgumentException("R2Score expects 2D inputs with shape (batch_size,"
            + " output_dim). Received input shapes: y_pred.shape=" + Shapes.toKeras(yPred.shape())
            + " and y_true.shape=" + Shapes.toKeras(yTrue.shape()));
      }
      Shape columns = Shape.of(yPred.shape().get(1));
      squaredSum = addVariable("squared_sum", columns, 0);
      sum = addVariable("sum", columns, 0);
      residual = addVariable("residual", columns, 0);
      count = addVariable("count", columns, 0);
    }
    KerasTensor weights = Ops.onesLike(yTrue);
    if (sampleWeight != null) {
      weights = Ops.multiply(weights, sampleWeight.shape().numDimensions() == 1
          ? Ops.reshape(sampleWeight, -1, 1) : sampleWeight);
    }
    KerasTensor weightedTrue = Ops.multiply(yTrue, weights);
    sum.assignAdd(Ops.sum(weightedTrue, 0));
    squaredSum.assignAdd(Ops.sum(Ops.multiply(yTrue, weightedTrue), 0));
    residual.assignAdd(Ops.sum(Ops.multiply(Ops.square(Ops.subtract(yTrue, yPred)), weights), 0));
    count.assignAdd(Ops.sum(weights, 0));
    numSamples.assignAdd(Ops.sum(Ops.onesLike(yTrue)));
  }

  @Override
  public KerasTensor result() {
    if (squaredSum == null) {
      throw new IllegalStateException(name() + " has no result before its first updateState");
    }
    KerasTensor mean = Ops.divide(sum, count);
    KerasTensor total = Ops.subtract(squaredSum, Ops.multiply(sum, mean));
    KerasTensor raw = Ops.subtract(Ops.onesLike(total), Ops.divide(residual, total));
    // Keras turns an infinite score (a column whose labels do not vary) into 0.
    raw = Ops.where(Ops.isinf(raw), 0.0, raw);
    KerasTensor score;
    if ("uniform_average".equals(classAggregation)) {
      score = Ops.mean(raw);
    } else if ("variance_weighted_average".equals(classAggregation)) {
      score = Ops.divide(Ops.sum(Ops.multiply(total, raw)), Ops.sum(total));
    } else {
      score = raw;
    }
    if (numRegressors == 0) {
      return score;
    }
    KerasTensor n = numSamples.value();
    KerasTensor adjusted = Ops.subtract(Ops.onesLike(score), Ops.divide(
        Ops.multiply(Ops.subtract(Ops.onesLike(score), score), Ops.add(n, -1)),
        Ops.add(n, -1 - numRegressors)));
    // Adjusted only while there are more values than regressors plus one.
    KerasTensor enough = Ops.greater(Ops.add(n, -1), constant(numRegressors));
    return Ops.where(enough, adjusted, score);
  }

  @Override
  public String direction() {
    return "up";
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("class_aggregation", classAggregation);
    config.put("num_regressors", numRegressors);
    return config;
  }
}
