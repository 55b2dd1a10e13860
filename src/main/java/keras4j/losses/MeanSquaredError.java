package keras4j.losses;

import keras4j.backend.FrameworkLosses.Kind;
import keras4j.saving.ConfigReader;

/** Mean of squared differences per sample, Keras's {@code "mse"}. */
public class MeanSquaredError extends BuiltinLoss {
  /** The loss on probabilities (or plain values). */
  public MeanSquaredError() {
    this(false);
  }

  /**
   * The loss; {@code fromLogits} says the model outputs logits.
   *
   * @param fromLogits true when the model outputs raw scores (logits) rather than probabilities;
   *     Keras's {@code from_logits}, default false
   */
  public MeanSquaredError(boolean fromLogits) {
    super("mean_squared_error", Kind.MEAN_SQUARED_ERROR, fromLogits, "sum_over_batch_size");
  }

  /**
   * The loss on plain values, reduced as {@code reduction} says (see {@link Loss#REDUCTIONS}).
   *
   * @param reduction how per-sample losses are combined: {@code "sum_over_batch_size"} (Keras's
   *     default), {@code "sum"}, {@code "mean"}, {@code "mean_with_sample_weight"} or {@code
   *     "none"}
   */
  public MeanSquaredError(String reduction) {
    super("mean_squared_error", Kind.MEAN_SQUARED_ERROR, false, reduction);
  }

  /**
   * The loss a Keras config describes.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return the loss a Keras config describes
   */
  public static MeanSquaredError fromConfig(ConfigReader config) {
    return new MeanSquaredError(reduction(config));
  }
}
