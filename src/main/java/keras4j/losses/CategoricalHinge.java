package keras4j.losses;

import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/** Keras's {@code "categorical_hinge"} for one-hot labels: {@code max(max((1 - yTrue) * yPred) - sum(yTrue * yPred) + 1, 0)}. */
public class CategoricalHinge extends Loss {
  /** The loss, reduced by Keras's default {@code sum_over_batch_size}. */
  public CategoricalHinge() {
    this("sum_over_batch_size");
  }

  /**
   * The loss, reduced as {@code reduction} says (see {@link Loss#REDUCTIONS}).
   *
   * @param reduction how per-sample losses are combined: {@code "sum_over_batch_size"} (Keras's
   *     default), {@code "sum"}, {@code "mean"}, {@code "mean_with_sample_weight"} or {@code
   *     "none"}
   */
  public CategoricalHinge(String reduction) {
    super("categorical_hinge", reduction);
  }

  /**
   * The loss a Keras config describes.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return the loss a Keras config describes
   */
  public static CategoricalHinge fromConfig(ConfigReader config) {
    return new CategoricalHinge(reduction(config));
  }

  @Override
  public KerasTensor call(KerasTensor yTrue, KerasTensor yPred) {
    KerasTensor positive = Ops.sum(Ops.multiply(yTrue, yPred), -1);
    KerasTensor negative = Ops.max(Ops.multiply(Ops.subtract(Ops.onesLike(yTrue), yTrue), yPred), -1);
    return Ops.relu(Ops.add(Ops.subtract(negative, positive), 1));
  }
}
