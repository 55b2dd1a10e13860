package keras4j.losses;

import keras4j.backend.FrameworkLosses.Kind;

/** Mean of absolute differences per sample, Keras's {@code "mae"}. */
public class MeanAbsoluteError extends BuiltinLoss {
  /** The loss on probabilities (or plain values). */
  public MeanAbsoluteError() {
    this(false);
  }

  /** The loss; {@code fromLogits} says the model outputs logits. */
  public MeanAbsoluteError(boolean fromLogits) {
    super("mean_absolute_error", Kind.MEAN_ABSOLUTE_ERROR, fromLogits);
  }
}
