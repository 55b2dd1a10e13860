package keras4j.losses;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Keras's {@code Dice} loss for segmentation, over the whole batch ({@code axis=None}): {@code 1
 * - 2 sum(yTrue yPred) / (sum(yTrue) + sum(yPred) + 1e-7)}.
 */
public class Dice extends Loss {
  /** The loss, reduced by Keras's default {@code sum_over_batch_size}. */
  public Dice() {
    this("sum_over_batch_size");
  }

  /**
   * The loss, reduced as {@code reduction} says (see {@link Loss#REDUCTIONS}).
   *
   * @param reduction how per-sample losses are combined: {@code "sum_over_batch_size"} (Keras's
   *     default), {@code "sum"}, {@code "mean"}, {@code "mean_with_sample_weight"} or {@code
   *     "none"}
   */
  public Dice(String reduction) {
    super("dice", reduction);
  }

  /**
   * The loss a Keras config describes; only {@code axis=None} is supported.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return the loss a Keras config describes; only {@code axis=None} is supported
   */
  public static Dice fromConfig(ConfigReader config) {
    requireWholeBatch(config);
    return new Dice(reduction(config));
  }

  /** Refuses a Dice or Tversky config reduced along given axes, which keras4j lacks. */
  static void requireWholeBatch(ConfigReader config) {
    if (config.has("axis")) {
      throw config.unsupported("a segmentation loss along axis " + config.raw("axis")
          + " (keras4j reduces over the whole batch, axis=None)");
    }
  }

  @Override
  public KerasTensor call(KerasTensor yTrue, KerasTensor yPred) {
    KerasTensor intersection = Ops.sum(Ops.multiply(yTrue, yPred));
    KerasTensor total = Ops.add(Ops.add(Ops.sum(yTrue), Ops.sum(yPred)), EPSILON);
    return Ops.add(Ops.negative(Ops.divide(Ops.multiply(intersection, 2), total)), 1);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("axis", null);
    return config;
  }
}
