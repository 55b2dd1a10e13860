package keras4j.losses;

import keras4j.backend.FrameworkLosses.Kind;

/** Mean of squared differences per sample, Keras's {@code "mse"}. */
public class MeanSquaredError extends BuiltinLoss {
  /** The loss on probabilities (or plain values). */
  public MeanSquaredError() {
    this(false);
  }

  /** The loss; {@code fromLogits} says the model outputs logits. */
  public MeanSquaredError(boolean fromLogits) {
    super("mean_squared_error", Kind.MEAN_SQUARED_ERROR, fromLogits);
  }
}
