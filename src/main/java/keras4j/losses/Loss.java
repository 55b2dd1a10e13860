package keras4j.losses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.mixed_precision.MixedPrecision;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * A loss, as {@code keras.losses.Loss}: {@link #call} gives one value per sample and {@link
 * #apply} reduces them as the loss's {@code reduction} says (Keras's default {@code
 * "sum_over_batch_size"}: their mean over the batch).
 *
 * <p>Subclass it for a custom loss, writing {@code call} with {@code keras4j.ops.Ops}.
 */
public abstract class Loss {
  /** Keras's reductions: {@code "none"} keeps the per-sample values. */
  public static final List<String> REDUCTIONS =
      List.of("sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none");

  /** Keras's {@code backend.epsilon()}, which its losses clip and offset by. */
  static final double EPSILON = 1e-7;

  private final String name;
  private final String reduction;

  /**
   * A loss with the given Keras name, reduced by Keras's default {@code sum_over_batch_size}.
   *
   * @param name the Keras name, e.g. {@code "mean_squared_error"}
   */
  protected Loss(String name) {
    this(name, "sum_over_batch_size");
  }

  /**
   * A loss with the given Keras name and {@code reduction}, one of {@link #REDUCTIONS}.
   *
   * @param name the Keras name, e.g. {@code "mean_squared_error"}
   * @param reduction how per-sample losses are combined: {@code "sum_over_batch_size"} (Keras's
   *     default), {@code "sum"}, {@code "mean"}, {@code "mean_with_sample_weight"} or {@code
   *     "none"}
   */
  protected Loss(String name, String reduction) {
    if (!REDUCTIONS.contains(reduction)) {
      throw new IllegalArgumentException("Invalid loss reduction '" + reduction + "' for " + name
          + ": expected one of " + REDUCTIONS);
    }
    this.name = name;
    this.reduction = reduction;
  }

  /**
   * The Keras name, e.g. {@code mean_squared_error}.
   *
   * @return the Keras name, e.g. {@code mean_squared_error}
   */
  public String name() {
    return name;
  }

  /**
   * How {@link #apply} reduces the per-sample values, one of {@link #REDUCTIONS}.
   *
   * @return how {@link #apply} reduces the per-sample values, one of {@link #REDUCTIONS}
   */
  public String reduction() {
    return reduction;
  }

  /**
   * The loss of each sample: shape (batch), or a scalar for a loss over the whole batch.
   *
   * @param yTrue the labels, one row per sample
   * @param yPred the model's outputs, one row per sample
   * @return the unreduced loss
   */
  public abstract KerasTensor call(KerasTensor yTrue, KerasTensor yPred);

  /**
   * Keras's {@code loss(y_true, y_pred)}: {@link #call} reduced as {@link #reduction} says, for
   * custom training loops.
   *
   * @param yTrue the labels, one row per sample
   * @param yPred the model's outputs, one row per sample
   * @return the reduced loss, a scalar unless the reduction is {@code "none"}
   */
  public KerasTensor apply(KerasTensor yTrue, KerasTensor yPred) {
    return apply(yTrue, yPred, null);
  }

  /**
   * Keras's {@code loss(y_true, y_pred, sample_weight)}: {@link #call} times {@code sampleWeight}
   * (one weight per sample, or null for 1 each), then reduced as Keras's {@code
   * reduce_weighted_values}: {@code sum}, the sum divided by the number of values ({@code
   * sum_over_batch_size}, {@code mean}) or by the sum of the weights ({@code
   * mean_with_sample_weight}), or not at all ({@code none}). A scalar {@code call} is returned
   * as it is.
   *
   * @param yTrue the labels, one row per sample
   * @param yPred the model's outputs, one row per sample
   * @param sampleWeight the weights, one per sample (or a scalar for all)
   * @return the weighted and reduced loss, a scalar unless the reduction is {@code "none"}
   */
  public KerasTensor apply(KerasTensor yTrue, KerasTensor yPred, KerasTensor sampleWeight) {
    KerasTensor values = call(yTrue, MixedPrecision.float32(yPred));
    if (sampleWeight != null) {
      values = Ops.multiply(values, Ops.reshape(sampleWeight, -1));
    }
    if (reduction.equals("none") || values.shape().numDimensions() == 0) {
      return values;
    }
    return switch (reduction) {
      case "sum" -> Ops.sum(values);
      case "mean_with_sample_weight" -> sampleWeight == null ? Ops.mean(values)
          : Ops.divideNoNan(Ops.sum(values), Ops.sum(sampleWeight));
      default -> Ops.mean(values);
    };
  }

  /**
   * Checks that labels of shape {@code labels} fit outputs of shape {@code outputs} (batch
   * first); the default asks for equal sample shapes, a column of labels matching one output.
   *
   * @param labels the labels' shape, batch first
   * @param outputs the model's output shape, batch first
   */
  public void checkLabels(Shape labels, Shape outputs) {
    // Shape.equals is false for any unknown dimension: compare dimension by dimension instead.
    if (!Shapes.samplesCompatible(outputs, labels)) {
      throw new IllegalArgumentException(
          name + " needs labels shaped like the model's outputs " + Shapes.toKeras(outputs)
              + " but the labels have shape " + Shapes.toKeras(labels));
    }
  }

  /**
   * The {@code reduction} of a saved loss's config; Keras writes None (null) for "none".
   *
   * @param config the loss's saved config
   * @return the reduction, {@code "none"} for Keras's None
   */
  protected static String reduction(ConfigReader config) {
    return config.asMap().containsKey("reduction") && config.raw("reduction") == null
        ? "none" : config.string("reduction", "sum_over_batch_size");
  }

  /**
   * Keras's config: the name and reduction, then each subclass's own settings.
   *
   * @return the config map, keyed as Keras's {@code get_config()} (snake_case)
   */
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name);
    config.put("reduction", reduction);
    return config;
  }
}
