package keras4j.metrics;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.ndarray.Shape;
import keras4j.core.KerasTensor;

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
          Map.entry("auc", Metrics::auc),
          Map.entry("top_k_categorical_accuracy", name -> new TopKCategoricalAccuracy(name, 5)),
          Map.entry("sparse_top_k_categorical_accuracy",
              name -> new SparseTopKCategoricalAccuracy(name, 5)));

  private Metrics() {}

  /**
   * The metric called {@code alias}; "accuracy" and "acc" resolve once shapes are known.
   *
   * @param alias a Keras alias or class name, e.g. {@code "accuracy"}, {@code "mae"}, {@code "auc"}
   * @return the metric called {@code alias}; "accuracy" and "acc" resolve once shapes are known
   */
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

  /**
   * Every alias, sorted.
   *
   * @return every alias, sorted
   */
  public static List<String> aliases() {
    List<String> all = new java.util.ArrayList<>(ALIASES.keySet());
    all.add("accuracy");
    all.add("acc");
    return all.stream().sorted().toList();
  }

  /**
   * The concrete metric for labels and outputs of the given shapes (batch first): only
   * "accuracy"/"acc" depend on them.
   *
   * @param metric the metric as compiled
   * @param labels the labels' shape, batch first
   * @param outputs the model's output shape, batch first
   * @return the binary, categorical or sparse categorical accuracy that fits the shapes, or {@code
   *     metric} itself
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

  /**
   * Fraction of outputs on the right side of 0.5.
   *
   * @param name the name to log the metric under, e.g. {@code "accuracy"}
   * @return a new metric with Keras's default settings
   */
  public static Metric binaryAccuracy(String name) {
    return new BinaryAccuracy(name);
  }

  /**
   * Fraction of samples whose arg-max output matches the one-hot label.
   *
   * @param name the name to log the metric under, e.g. {@code "accuracy"}
   * @return a new metric with Keras's default settings
   */
  public static Metric categoricalAccuracy(String name) {
    return new CategoricalAccuracy(name);
  }

  /**
   * Fraction of samples whose arg-max output equals the class-id label.
   *
   * @param name the name to log the metric under, e.g. {@code "accuracy"}
   * @return a new metric with Keras's default settings
   */
  public static Metric sparseCategoricalAccuracy(String name) {
    return new SparseCategoricalAccuracy(name);
  }

  /**
   * Mean squared error.
   *
   * @param name the name to log the metric under, e.g. {@code "accuracy"}
   * @return a new metric with Keras's default settings
   */
  public static Metric meanSquaredError(String name) {
    return new MeanSquaredError(name);
  }

  /**
   * Mean absolute error.
   *
   * @param name the name to log the metric under, e.g. {@code "accuracy"}
   * @return a new metric with Keras's default settings
   */
  public static Metric meanAbsoluteError(String name) {
    return new MeanAbsoluteError(name);
  }

  /**
   * Precision at threshold 0.5.
   *
   * @param name the name to log the metric under, e.g. {@code "accuracy"}
   * @return a new metric with Keras's default settings
   */
  public static Metric precision(String name) {
    return new Precision(name);
  }

  /**
   * Recall at threshold 0.5.
   *
   * @param name the name to log the metric under, e.g. {@code "accuracy"}
   * @return a new metric with Keras's default settings
   */
  public static Metric recall(String name) {
    return new Recall(name);
  }

  /**
   * Area under the ROC curve (200 thresholds, as Keras).
   *
   * @param name the name to log the metric under, e.g. {@code "accuracy"}
   * @return a new metric with Keras's default settings
   */
  public static Metric auc(String name) {
    return new AUC(name);
  }

  /** "accuracy" before the label and output shapes are known. */
  private static final class UnresolvedAccuracy extends Metric {
    UnresolvedAccuracy(String name) {
      super(name);
    }

    /** Whichever accuracy it resolves to, higher is better. */
    @Override
    public String direction() {
      return "up";
    }

    @Override
    public void updateState(KerasTensor yTrue, KerasTensor yPred, KerasTensor sampleWeight) {
      throw unresolved();
    }

    @Override
    public KerasTensor result() {
      throw unresolved();
    }

    private IllegalStateException unresolved() {
      return new IllegalStateException("'" + name() + "' must be resolved against shapes first");
    }
  }
}
