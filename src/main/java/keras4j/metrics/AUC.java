package keras4j.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;

/**
 * The area under the ROC or precision-recall curve, Keras's {@code AUC}: the confusion matrix at
 * {@code numThresholds} thresholds evenly spaced over [0, 1] (the first just below 0, the last just
 * above 1), or at the given {@code thresholds} plus those two, summed over the curve.
 *
 * <p>{@code curve}: "ROC" (true positive rate against false positive rate), "PR" (precision
 * against recall) or "PRGAIN" (precision gain against recall gain). {@code summationMethod}:
 * "interpolation" (the trapezoid rule; for PR, Davis and Goadrich's interpolation, as Keras),
 * "minoring" or "majoring" (the lower or upper Riemann sum). {@code fromLogits} applies a sigmoid
 * to the predictions first.
 *
 * <p>Labels and predictions are flattened, each value one example, unless {@code multiLabel}:
 * then predictions of shape (samples, labels) give one curve per label (counts shaped
 * (thresholds, labels), made at the first batch unless {@code numLabels} is given) and the
 * result is the labels' mean AUC, weighted by {@code labelWeights} when given. Without {@code
 * multiLabel}, {@code labelWeights} weigh each label column's values in the flattened counts.
 */
public class AUC extends Metric {
  private static final float EPSILON = 1e-7f;
  private static final List<String> CURVES = List.of("ROC", "PR", "PRGAIN");
  private static final List<String> SUMMATIONS = List.of("interpolation", "minoring", "majoring");
  private final int numThresholds;
  private final String curve;
  private final String summationMethod;
  private final float[] givenThresholds;
  private final boolean fromLogits;
  private final boolean multiLabel;
  private final Integer numLabels;
  private final float[] labelWeights;
  private final float[] allThresholds;
  private final boolean even;
  private ConfusionMatrix counts;

  /** Keras's defaults: ROC, 200 thresholds, the trapezoid rule, named {@code auc}. */
  public AUC() {
    this("auc");
  }

  /**
   * The ROC AUC with Keras's defaults, logged as {@code name}.
   *
   * @param name the name in logs
   */
  public AUC(String name) {
    this(200, "ROC", "interpolation", name);
  }

  /**
   * Keras's {@code AUC(num_thresholds, curve, summation_method, name)}.
   *
   * @param numThresholds the number of thresholds, above 1 (Keras's default 200)
   * @param curve "ROC", "PR" or "PRGAIN" (any case)
   * @param summationMethod "interpolation", "minoring" or "majoring" (any case)
   * @param name the name in logs
   * @throws IllegalArgumentException for fewer than 2 thresholds, another curve or summation
   */
  public AUC(int numThresholds, String curve, String summationMethod, String name) {
    this(numThresholds, curve, summationMethod, name, null, false);
  }

  /**
   * Keras's {@code AUC(num_thresholds, curve, summation_method, name, thresholds, from_logits)}.
   *
   * @param numThresholds the number of thresholds, above 1; ignored when {@code thresholds} are
   *     given
   * @param curve "ROC", "PR" or "PRGAIN" (any case)
   * @param summationMethod "interpolation", "minoring" or "majoring" (any case)
   * @param name the name in logs
   * @param thresholds the thresholds in (0, 1) to use instead of evenly spaced ones, or null
   * @param fromLogits whether predictions are logits, passed through a sigmoid first
   * @throws IllegalArgumentException for fewer than 2 thresholds, another curve or summation
   */
  public AUC(int numThresholds, String curve, String summationMethod, String name,
      float[] thresholds, boolean fromLogits) {
    this(numThresholds, curve, summationMethod, name, thresholds, fromLogits, false, null, null);
  }

  /**
   * Keras's {@code AUC(num_thresholds, curve, summation_method, name, thresholds, multi_label,
   * num_labels, label_weights, from_logits)}.
   *
   * @param numThresholds the number of thresholds, above 1; ignored when {@code thresholds} are
   *     given
   * @param curve "ROC", "PR" or "PRGAIN" (any case)
   * @param summationMethod "interpolation", "minoring" or "majoring" (any case)
   * @param name the name in logs
   * @param thresholds the thresholds in (0, 1) to use instead of evenly spaced ones, or null
   * @param fromLogits whether predictions are logits, passed through a sigmoid first
   * @param multiLabel whether each column of (samples, labels) predictions is its own curve
   * @param numLabels the number of labels when {@code multiLabel}, or null to take it from the
   *     first batch
   * @param labelWeights one non-negative weight per label, or null for equal weights
   * @throws IllegalArgumentException for fewer than 2 thresholds, another curve or summation,
   *     {@code numLabels} without {@code multiLabel}, or as many label weights as labels
   */
  public AUC(int numThresholds, String curve, String summationMethod, String name,
      float[] thresholds, boolean fromLogits, boolean multiLabel, Integer numLabels,
      float[] labelWeights) {
    super(name);
    this.curve = curve.toUpperCase(java.util.Locale.ROOT);
    this.summationMethod = summationMethod.toLowerCase(java.util.Locale.ROOT);
    if (!CURVES.contains(this.curve)) {
      throw new IllegalArgumentException("Invalid AUC curve value: \"" + curve
          + "\". Expected values are [\"PR\", \"ROC\", \"PRGAIN\"]");
    }
    if (!SUMMATIONS.contains(this.summationMethod)) {
      throw new IllegalArgumentException("Invalid AUC summation method value: \""
          + summationMethod + "\". Expected values are [\"interpolation\", \"majoring\","
          + " \"minoring\"]");
    }
    this.fromLogits = fromLogits;
    this.multiLabel = multiLabel;
    if (numLabels != null && !multiLabel) {
      throw new IllegalArgumentException(
          "`num_labels` is needed only when `multi_label` is True.");
    }
    if (numLabels != null && labelWeights != null && labelWeights.length != numLabels) {
      throw new IllegalArgumentException("label_weights has " + labelWeights.length
          + " values for num_labels=" + numLabels + "; give one weight per label");
    }
    this.numLabels = numLabels;
    this.labelWeights = labelWeights == null ? null : labelWeights.clone();
    float[] all;
    if (thresholds != null) {
      givenThresholds = thresholds.clone();
      Arrays.sort(givenThresholds);
      this.numThresholds = givenThresholds.length + 2;
      all = new float[this.numThresholds];
      System.arraycopy(givenThresholds, 0, all, 1, givenThresholds.length);
      all[0] = -EPSILON;
      all[all.length - 1] = 1 + EPSILON;
      even = evenlySpread(givenThresholds);
    } else {
      if (numThresholds <= 1) {
        throw new IllegalArgumentException("Argument `num_thresholds` must be an integer > 1."
            + " Received: num_thresholds=" + numThresholds);
      }
      givenThresholds = null;
      this.numThresholds = numThresholds;
      all = ConfusionMatrix.evenThresholds(numThresholds, EPSILON);
      even = true;
    }
    this.allThresholds = all;
    if (!multiLabel || numLabels != null) {
      build(numLabels == null ? null : (long) numLabels);
    }
  }

  /** The counts: per label ({@code labels} of them) when multi-label, else flattened. */
  private void build(Long labels) {
    counts = new ConfusionMatrix(this, allThresholds, even, null, labels,
        multiLabel ? null : labelWeights);
  }

  /** Keras's {@code is_evenly_distributed_thresholds} of {@code [0] + inner + [1]}. */
  private static boolean evenlySpread(float[] inner) {
    int n = inner.length + 2;
    if (n < 3) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      double value = i == 0 ? 0 : i == n - 1 ? 1 : inner[i - 1];
      if (Math.abs(value - (float) i / (n - 1)) > EPSILON + 1e-5 * Math.abs((float) i / (n - 1))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The AUC a Keras config describes.
   *
   * @param config the {@code config} of a serialized {@code AUC}
   * @return the metric
   * @throws IllegalArgumentException for a malformed key
   */
  public static AUC fromConfig(ConfigReader config) {
    float[] thresholds = null;
    if (config.has("thresholds")) {
      List<?> list = config.list("thresholds");
      thresholds = new float[list.size()];
      for (int i = 0; i < thresholds.length; i++) {
        if (!(list.get(i) instanceof Number n)) {
          throw config.invalid("thresholds", "a list of numbers");
        }
        thresholds[i] = n.floatValue();
      }
    }
    return new AUC(config.intValue("num_thresholds", 200), config.string("curve", "ROC"),
        config.string("summation_method", "interpolation"), config.string("name", "auc"),
        thresholds, config.bool("from_logits", false), config.bool("multi_label", false),
        config.has("num_labels") ? config.intValue("num_labels", 0) : null,
        labelWeights(config));
  }

  /**
   * Keras writes {@code label_weights} as a serialized tensor, {@code {"class_name":
   * "__tensor__", "config": {"value": [...]}}}; a plain list is taken too.
   */
  private static float[] labelWeights(ConfigReader config) {
    if (!config.has("label_weights")) {
      return null;
    }
    Object raw = config.raw("label_weights");
    if (raw instanceof Map<?, ?> tensor && "__tensor__".equals(tensor.get("class_name"))
        && tensor.get("config") instanceof Map<?, ?> inner) {
      raw = inner.get("value");
    }
    if (!(raw instanceof List<?> list) || !list.stream().allMatch(v -> v instanceof Number)) {
      throw config.invalid("label_weights", "a list of numbers (or a serialized 1-D tensor)");
    }
    float[] weights = new float[list.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = ((Number) list.get(i)).floatValue();
    }
    return weights;
  }

  @Override
  public void updateState(KerasTensor yTrue, KerasTensor yPred, KerasTensor sampleWeight) {
    if (counts == null) {
      Shape shape = yPred.shape();
      ConfusionMatrix.requireMultiLabelRank(shape);
      if (shape.get(1) < 0) {
        throw new IllegalArgumentException(name() + ": multi-label predictions of shape "
            + keras4j.core.Shapes.toKeras(shape) + " have no known label count; give numLabels");
      }
      build(shape.get(1));
    }
    counts.update(yTrue, fromLogits ? Ops.sigmoid(yPred) : yPred, sampleWeight);
  }

  @Override
  public KerasTensor result() {
    if (counts == null) {
      throw new IllegalStateException(name() + " has no result before its first updateState");
    }
    KerasTensor tp = counts.truePositives.value();
    KerasTensor fp = counts.falsePositives.value();
    KerasTensor tn = counts.trueNegatives.value();
    KerasTensor fn = counts.falseNegatives.value();
    if (curve.equals("PR") && summationMethod.equals("interpolation")) {
      return interpolatedPrAuc(tp, fp, fn);
    }
    KerasTensor recall = Ops.divideNoNan(tp, Ops.add(tp, fn));
    KerasTensor x;
    KerasTensor y;
    if (curve.equals("ROC")) {
      x = Ops.divideNoNan(fp, Ops.add(fp, tn));
      y = recall;
    } else if (curve.equals("PR")) {
      x = recall;
      y = Ops.divideNoNan(tp, Ops.add(tp, fp));
    } else {
      KerasTensor scaling = Ops.divideNoNan(Ops.add(tp, fn), Ops.add(tn, fp));
      KerasTensor seen = Ops.notEqual(tp, Ops.zerosLike(tp));
      KerasTensor recallGain = Ops.subtract(Ops.onesLike(tp),
          Ops.multiply(scaling, Ops.divideNoNan(fn, tp)));
      KerasTensor precisionGain = Ops.subtract(Ops.onesLike(tp),
          Ops.multiply(scaling, Ops.divideNoNan(fp, tp)));
      x = Ops.maximum(Ops.where(seen, recallGain, 0), 0);
      y = Ops.where(seen, precisionGain, 1);
    }
    KerasTensor heights;
    if (summationMethod.equals("interpolation")) {
      heights = Ops.multiply(Ops.add(head(y), tail(y)), 0.5);
    } else if (summationMethod.equals("minoring")) {
      heights = Ops.minimum(head(y), tail(y));
    } else {
      heights = Ops.maximum(head(y), tail(y));
    }
    return overLabels(Ops.multiply(Ops.subtract(head(x), tail(x)), heights));
  }

  /**
   * The AUC from its terms between thresholds: their sum, or per label (multi-label) the mean
   * of the labels' sums, weighted by the label weights when given.
   */
  private KerasTensor overLabels(KerasTensor terms) {
    if (!multiLabel) {
      return Ops.sum(terms);
    }
    KerasTensor byLabel = Ops.sum(terms, 0);
    if (labelWeights == null) {
      return Ops.mean(byLabel);
    }
    KerasTensor weights = KerasTensor.constant(StdArrays.ndCopyOf(labelWeights));
    return Ops.divideNoNan(Ops.sum(Ops.multiply(byLabel, weights)), Ops.sum(weights));
  }

  /** Keras's {@code interpolate_pr_auc} (Davis and Goadrich 2006). */
  private KerasTensor interpolatedPrAuc(KerasTensor tp, KerasTensor fp, KerasTensor fn) {
    KerasTensor dtp = Ops.subtract(head(tp), tail(tp));
    KerasTensor p = Ops.add(tp, fp);
    KerasTensor dp = Ops.subtract(head(p), tail(p));
    KerasTensor precisionSlope = Ops.divideNoNan(dtp, Ops.maximum(dp, 0));
    KerasTensor intercept = Ops.subtract(tail(tp), Ops.multiply(precisionSlope, tail(p)));
    KerasTensor bothPositive = Ops.logicalAnd(Ops.greater(head(p), Ops.zerosLike(dp)),
        Ops.greater(tail(p), Ops.zerosLike(dp)));
    KerasTensor safeRatio =
        Ops.where(bothPositive, Ops.divideNoNan(head(p), Ops.maximum(tail(p), 0)), 1);
    KerasTensor increment = Ops.divideNoNan(
        Ops.multiply(precisionSlope, Ops.add(dtp, Ops.multiply(intercept, Ops.log(safeRatio)))),
        Ops.maximum(Ops.add(tail(tp), tail(fn)), 0));
    return overLabels(increment);
  }

  /** {@code x[:-1]}: the values at all thresholds but the last. */
  private static KerasTensor head(KerasTensor x) {
    return Ops.slice(x, ":-1");
  }

  /** {@code x[1:]}: the values at all thresholds but the first. */
  private static KerasTensor tail(KerasTensor x) {
    return Ops.slice(x, "1:");
  }

  @Override
  public String direction() {
    return "up";
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("num_thresholds", numThresholds);
    config.put("curve", curve);
    config.put("summation_method", summationMethod);
    config.put("multi_label", multiLabel);
    config.put("num_labels", numLabels);
    config.put("label_weights", labelWeights == null ? null : serializedTensor(labelWeights));
    config.put("from_logits", fromLogits);
    if (givenThresholds != null) {
      List<Double> inner = new java.util.ArrayList<>();
      for (float t : givenThresholds) {
        inner.add(Double.parseDouble(Float.toString(t))); // 0.15, as given, not 0.15000000596
      }
      config.put("thresholds", inner);
    }
    return config;
  }

  /** Keras's serialized float32 tensor, as its get_config writes {@code label_weights}. */
  private static Map<String, Object> serializedTensor(float[] values) {
    List<Double> value = new java.util.ArrayList<>();
    for (float v : values) {
      value.add((double) v); // a float32 tensor's values, widened as Keras writes them
    }
    Map<String, Object> inner = new java.util.LinkedHashMap<>();
    inner.put("value", value);
    inner.put("dtype", "float32");
    Map<String, Object> tensor = new java.util.LinkedHashMap<>();
    tensor.put("class_name", "__tensor__");
    tensor.put("config", inner);
    return tensor;
  }
}
