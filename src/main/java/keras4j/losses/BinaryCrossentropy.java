package keras4j.losses;

import keras4j.backend.FrameworkLosses.Kind;

/** Binary crossentropy for 0/1 labels and one sigmoid output per label. */
public class BinaryCrossentropy extends BuiltinLoss {
  /** The loss on probabilities (or plain values). */
  public BinaryCrossentropy() {
    this(false);
  }

  /** The loss; {@code fromLogits} says the model outputs logits. */
  public BinaryCrossentropy(boolean fromLogits) {
    super("binary_crossentropy", Kind.BINARY_CROSSENTROPY, fromLogits);
  }
}
