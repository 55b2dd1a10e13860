package keras4j.metrics;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.framework.metrics.AUC;
import org.tensorflow.framework.metrics.BinaryAccuracy;
import org.tensorflow.framework.metrics.CategoricalAccuracy;
import org.tensorflow.framework.metrics.MeanAbsoluteError;
import org.tensorflow.framework.metrics.MeanSquaredError;
import org.tensorflow.framework.metrics.Precision;
import org.tensorflow.framework.metrics.SparseCategoricalAccuracy;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Keras's metric aliases ({@code keras.metrics.get}), and how {@code "accuracy"} resolves: binary
 * when the model has one output unit, sparse categorical when the labels are class ids,
 * categorical otherwise, exactly as Keras's {@code compile_utils.get_metric}.
 */
public final class Metrics {
  private static final Map<String, Function<String, Metric>> ALIASES =
      Map.ofEntries(
          Map.entry("binary_accuracy", Metrics::binaryAccuracy),
          Map.entry("categorical_accuracy", Metrics::categoricalAccuracy),
          Map.entry("sparse_categorical_accuracy", Metrics::sparseCategoricalAccuracy),
          Map.entry("mse", Metrics::meanSquaredError),
          Map.entry("mean_squared_error", Metrics::meanSquaredError),
          Map.entry("mae", Metrics::meanAbsoluteError),
          Map.entry("mean_absolute_error", Metrics::meanAbsoluteError),
          Map.entry("precision", Metrics::precision),
          Map.entry("recall", Metrics::recall),
          Map.entry("auc", Metrics::auc));

  // Keras's _direction of the built-in metrics.
  private static final String UP = "up";
  private static final String DOWN = "down";

  private Metrics() {}

  /** The metric called {@code alias}; "accuracy" and "acc" resolve once shapes are known. */
  public static Metric get(String alias) {
    if (alias.equals("accuracy") || alias.equals("acc")) {
      return new UnresolvedAccuracy(alias);
    }
    Function<String, Metric> metric = ALIASES.get(alias);
    if (metric == null) {
      throw new IllegalArgumentException(
          "Unknown metric '" + alias + "'. Valid aliases: " + aliases());
    }
    return metric.apply(alias);
  }

  /** Every alias, sorted. */
  public static List<String> aliases() {
    List<String> all = new java.util.ArrayList<>(ALIASES.keySet());
    all.add("accuracy");
    all.add("acc");
    return all.stream().sorted().toList();
  }

  /**
   * The concrete metric for labels and outputs of the given shapes (batch first): only
   * "accuracy"/"acc" depend on them.
   */
  public static Metric resolve(Metric metric, Shape labels, Shape outputs) {
    if (!(metric instanceof UnresolvedAccuracy)) {
      return metric;
    }
    String name = metric.name();
    long labelLast = labels.get(labels.numDimensions() - 1);
    long outputLast = outputs.get(outputs.numDimensions() - 1);
    boolean binary = outputLast == 1;
    boolean sparse =
        labels.numDimensions() < outputs.numDimensions() || (labelLast == 1 && outputLast > 1);
    if (binary) {
      return binaryAccuracy(name);
    }
    return sparse ? sparseCategoricalAccuracy(name) : categoricalAccuracy(name);
  }

  /** Fraction of outputs on the right side of 0.5. */
  public static Metric binaryAccuracy(String name) {
    return new FrameworkMetric(
        name, UP, (n, seed) -> new BinaryAccuracy<>(n, 0.5f, seed, TFloat32.class));
  }

  /** Fraction of samples whose arg-max output matches the one-hot label. */
  public static Metric categoricalAccuracy(String name) {
    return new FrameworkMetric(
        name, UP, (n, seed) -> new CategoricalAccuracy<>(n, seed, TFloat32.class));
  }

  /** Fraction of samples whose arg-max output equals the class-id label. */
  public static Metric sparseCategoricalAccuracy(String name) {
    return new FrameworkMetric(
        name, UP, (n, seed) -> new SparseCategoricalAccuracy<>(n, seed, TFloat32.class));
  }

  /** Mean squared error. */
  public static Metric meanSquaredError(String name) {
    return new FrameworkMetric(
        name, DOWN, (n, seed) -> new MeanSquaredError<>(n, seed, TFloat32.class));
  }

  /** Mean absolute error. */
  public static Metric meanAbsoluteError(String name) {
    return new FrameworkMetric(
        name, DOWN, (n, seed) -> new MeanAbsoluteError<>(n, seed, TFloat32.class));
  }

  /** Precision at threshold 0.5. */
  public static Metric precision(String name) {
    return new FrameworkMetric(
        name, UP, (n, seed) -> new Precision<>(n, 0.5f, seed, TFloat32.class));
  }

  /** Recall at threshold 0.5. */
  public static Metric recall(String name) {
    return new FrameworkMetric(name, UP, RecallMetric::new);
  }

  /** Area under the ROC curve (200 thresholds, as Keras). */
  public static Metric auc(String name) {
    return new FrameworkMetric(name, UP, (n, seed) -> new AUC<>(n, 200, seed, TFloat32.class));
  }

  /** "accuracy" before the label and output shapes are known. */
  private static final class UnresolvedAccuracy extends Metric {
    UnresolvedAccuracy(String name) {
      super(name);
    }

    /** Whichever accuracy it resolves to, higher is better. */
    @Override
    public String direction() {
      return UP;
    }

    @Override
    public org.tensorflow.framework.metrics.Metric create(long seed) {
      throw new IllegalStateException("'" + name() + "' must be resolved against shapes first");
    }
  }
}
