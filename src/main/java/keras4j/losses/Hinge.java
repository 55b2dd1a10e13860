package keras4j.losses;

import keras4j.backend.FrameworkLosses.Kind;

/** Hinge loss for labels in {-1, 1} (0/1 labels are mapped), Keras's {@code "hinge"}. */
public class Hinge extends BuiltinLoss {
  /** The loss on probabilities (or plain values). */
  public Hinge() {
    this(false);
  }

  /** The loss; {@code fromLogits} says the model outputs logits. */
  public Hinge(boolean fromLogits) {
    super("hinge", Kind.HINGE, fromLogits);
  }
}
