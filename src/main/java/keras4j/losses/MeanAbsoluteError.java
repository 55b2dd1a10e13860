package keras4j.losses;

import keras4j.backend.FrameworkLosses.Kind;
import keras4j.saving.ConfigReader;

/** Mean of absolute differences per sample, Keras's {@code "mae"}. */
public class MeanAbsoluteError extends BuiltinLoss {
  /** The loss on probabilities (or plain values). */
  public MeanAbsoluteError() {
    this(false);
  }

  /** The loss; {@code fromLogits} says the model outputs logits. */
  public MeanAbsoluteError(boolean fromLogits) {
    super("mean_absolute_error", Kind.MEAN_ABSOLUTE_ERROR, fromLogits, "sum_over_batch_size");
  }

  /** The loss on plain values, reduced as {@code reduction} says (see {@link Loss#REDUCTIONS}). */
  public MeanAbsoluteError(String reduction) {
    super("mean_absolute_error", Kind.MEAN_ABSOLUTE_ERROR, false, reduction);
  }

  /** The loss a Keras config describes. */
  public static MeanAbsoluteError fromConfig(ConfigReader config) {
    return new MeanAbsoluteError(reduction(config));
  }
}
