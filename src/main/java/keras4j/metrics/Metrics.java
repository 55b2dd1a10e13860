package keras4j.metrics;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.ndarray.Shape;
import keras4j.core.KerasTensor;
import keras4j.saving.ConfigReader;
import keras4j.saving.KerasClasses;

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
          Map.entry("true_positives", TruePositives::new),
          Map.entry("false_positives", FalsePositives::new),
          Map.entry("true_negatives", TrueNegatives::new),
          Map.entry("false_negatives", FalseNegatives::new),
          Map.entry("auc", Metrics::auc),
          Map.entry("AUC", Metrics::auc),
          Map.entry("top_k_categorical_accuracy", name -> new TopKCategoricalAccuracy(name, 5)),
          Map.entry("sparse_top_k_categorical_accuracy",
              name -> new SparseTopKCategoricalAccuracy(name, 5)),
          // Keras's class names and their snake case, for the classes built without arguments.
          Map.entry("f1_score", name -> new F1Score(null, null, name)),
          Map.entry("F1Score", name -> new F1Score(null, null, name)),
          Map.entry("f_beta_score", name -> new FBetaScore(null, 1.0, null, name)),
          Map.entry("FBetaScore", name -> new FBetaScore(null, 1.0, null, name)),
          Map.entry("r2_score", name -> new R2Score("uniform_average", 0, name)),
          Map.entry("R2Score", name -> new R2Score("uniform_average", 0, name)),
          Map.entry("binary_io_u", name -> new BinaryIoU(new int[] {0, 1}, 0.5, name)),
          Map.entry("BinaryIoU", name -> new BinaryIoU(new int[] {0, 1}, 0.5, name)),
          Map.entry("mean", Mean::new),
          Map.entry("Mean", Mean::new),
          Map.entry("sum", Sum::new),
          Map.entry("Sum", Sum::new));

  /**
   * The metric classes a saved compile config may name, each with its {@code fromConfig}, and
   * the user's registered ones: Keras's {@code keras.metrics.serialize}/{@code deserialize}.
   */
  private static final KerasClasses<Metric> CLASSES =
      new KerasClasses<>("metric", Metric.class, "keras.metrics")
          .add("BinaryAccuracy", BinaryAccuracy.class,
              c -> new BinaryAccuracy(c.string("name", "binary_accuracy")))
          .add("CategoricalAccuracy", CategoricalAccuracy.class,
              c -> new CategoricalAccuracy(c.string("name", "categorical_accuracy")))
          .add("SparseCategoricalAccuracy", SparseCategoricalAccuracy.class,
              c -> new SparseCategoricalAccuracy(c.string("name", "sparse_categorical_accuracy")))
          .add("TopKCategoricalAccuracy", TopKCategoricalAccuracy.class,
              c -> new TopKCategoricalAccuracy(c.string("name", "top_k_categorical_accuracy"),
                  c.intValue("k", 5)))
          .add("SparseTopKCategoricalAccuracy", SparseTopKCategoricalAccuracy.class,
              c -> new SparseTopKCategoricalAccuracy(
                  c.string("name", "sparse_top_k_categorical_accuracy"), c.intValue("k", 5)))
          .add("MeanSquaredError", MeanSquaredError.class,
              c -> new MeanSquaredError(c.string("name", "mean_squared_error")))
          .add("MeanAbsoluteError", MeanAbsoluteError.class,
              c -> new MeanAbsoluteError(c.string("name", "mean_absolute_error")))
          .add("Precision", Precision.class, c -> new Precision(c.string("name", "precision")))
          .add("Recall", Recall.class, c -> new Recall(c.string("name", "recall")))
          .add("TruePositives", TruePositives.class,
              c -> new TruePositives(c.string("name", "true_positives")))
          .add("FalsePositives", FalsePositives.class,
              c -> new FalsePositives(c.string("name", "false_positives")))
          .add("TrueNegatives", TrueNegatives.class,
              c -> new TrueNegatives(c.string("name", "true_negatives")))
          .add("FalseNegatives", FalseNegatives.class,
              c -> new FalseNegatives(c.string("name", "false_negatives")))
          .add("Mean", Mean.class, c -> new Mean(c.string("name", "mean")))
          .add("Sum", Sum.class, c -> new Sum(c.string("name", "sum")))
          .add("AUC", AUC.class, AUC::fromConfig)
          .add("F1Score", F1Score.class, F1Score::fromConfig)
          .add("FBetaScore", FBetaScore.class, FBetaScore::fromConfig)
          .add("R2Score", R2Score.class, R2Score::fromConfig)
          .add("IoU", IoU.class, IoU::fromConfig)
          .add("MeanIoU", MeanIoU.class, MeanIoU::fromConfig)
          .add("BinaryIoU", BinaryIoU.class, BinaryIoU::fromConfig)
          .add("OneHotIoU", OneHotIoU.class, OneHotIoU::fromConfig)
          .add("OneHotMeanIoU", OneHotMeanIoU.class, OneHotMeanIoU::fromConfig)
          .add("PrecisionAtRecall", PrecisionAtRecall.class, PrecisionAtRecall::fromConfig)
          .add("RecallAtPrecision", RecallAtPrecision.class, RecallAtPrecision::fromConfig)
          .add("SensitivityAtSpecificity", SensitivityAtSpecificity.class,
              SensitivityAtSpecificity::fromConfig)
          .add("SpecificityAtSensitivity", SpecificityAtSensitivity.class,
              SpecificityAtSensitivity::fromConfig);

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
   * Keras's {@code keras.metrics.serialize}: {@code {"module", "class_name", "config",
   * "registered_name"}} for a built-in or registered metric.
   *
   * @param metric the metric
   * @return its serialized form, as Keras writes it in a compile config
   * @throws IllegalArgumentException for a class of the user's that is not registered
   */
  public static Map<String, Object> serialize(Metric metric) {
    return CLASSES.serialize(metric, metric.getConfig());
  }

  /**
   * Keras's {@code keras.metrics.deserialize}: the metric a serialized entry describes.
   *
   * @param entry {@code {"module", "class_name", "config", "registered_name"}}
   * @return the metric, built by its registered or built-in {@code fromConfig}
   * @throws IllegalArgumentException for a class keras4j does not have and nobody registered
   */
  public static Metric deserialize(ConfigReader entry) {
    return CLASSES.deserialize(entry);
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
