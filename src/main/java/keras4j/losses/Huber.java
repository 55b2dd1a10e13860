package keras4j.losses;

import keras4j.backend.FrameworkLosses.Kind;

/** Huber loss with delta 1, Keras's {@code "huber"}. */
public class Huber extends BuiltinLoss {
  /** The loss on probabilities (or plain values). */
  public Huber() {
    this(false);
  }

  /** The loss; {@code fromLogits} says the model outputs logits. */
  public Huber(boolean fromLogits) {
    super("huber", Kind.HUBER, fromLogits);
  }
}
