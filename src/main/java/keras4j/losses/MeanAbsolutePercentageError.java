package keras4j.losses;

import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/** Keras's {@code "mape"}: {@code 100 * mean(|yTrue - yPred| / max(|yTrue|, 1e-7))} over the last axis. */
public class MeanAbsolutePercentageError extends Loss {
  /** The loss, reduced by Keras's default {@code sum_over_batch_size}. */
  public MeanAbsolutePercentageError() {
    this("sum_over_batch_size");
  }

  /**
   * The loss, reduced as {@code reduction} says (see {@link Loss#REDUCTIONS}).
   *
   * @param reduction how per-sample losses are combined: {@code "sum_over_batch_size"} (Keras's
   *     default), {@code "sum"}, {@code "mean"}, {@code "mean_with_sample_weight"} or {@code
   *     "none"}
   */
  public MeanAbsolutePercentageError(String reduction) {
    super("mean_absolute_percentage_error", reduction);
  }

  /**
   * The loss a Keras config describes.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return the loss a Keras config describes
   */
  public static MeanAbsolutePercentageError fromConfig(ConfigReader config) {
    return new MeanAbsolutePercentageError(reduction(config));
  }

  @Override
  public KerasTensor call(KerasTensor yTrue, KerasTensor yPred) {
    KerasTensor scale = Ops.maximum(Ops.abs(yTrue), EPSILON);
    return Ops.multiply(Ops.mean(Ops.abs(Ops.divide(Ops.subtract(yTrue, yPred), scale)), -1), 100);
  }
}
