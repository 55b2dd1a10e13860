package keras4j.losses;

import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/** Keras's {@code "msle"}: {@code mean((log(max(yPred, 1e-7) + 1) - log(max(yTrue, 1e-7) + 1))²)} over the last axis. */
public class MeanSquaredLogarithmicError extends Loss {
  /** The loss, reduced by Keras's default {@code sum_over_batch_size}. */
  public MeanSquaredLogarithmicError() {
    this("sum_over_batch_size");
  }

  /**
   * The loss, reduced as {@code reduction} says (see {@link Loss#REDUCTIONS}).
   *
   * @param reduction how per-sample losses are combined: {@code "sum_over_batch_size"} (Keras's
   *     default), {@code "sum"}, {@code "mean"}, {@code "mean_with_sample_weight"} or {@code
   *     "none"}
   */
  public MeanSquaredLogarithmicError(String reduction) {
    super("mean_squared_logarithmic_error", reduction);
  }

  /**
   * The loss a Keras config describes.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return the loss a Keras config describes
   */
  public static MeanSquaredLogarithmicError fromConfig(ConfigReader config) {
    return new MeanSquaredLogarithmicError(reduction(config));
  }

  @Override
  public KerasTensor call(KerasTensor yTrue, KerasTensor yPred) {
    return Ops.mean(Ops.square(Ops.subtract(log1pOfPositive(yPred), log1pOfPositive(yTrue))), -1);
  }

  private static KerasTensor log1pOfPositive(KerasTensor x) {
    return Ops.log(Ops.add(Ops.maximum(x, EPSILON), 1));
  }
}
