package keras4j.losses;

import keras4j.backend.FrameworkLosses.Kind;

/** Kullback-Leibler divergence, Keras's {@code "kld"}. */
public class KLDivergence extends BuiltinLoss {
  /** The loss on probabilities (or plain values). */
  public KLDivergence() {
    this(false);
  }

  /** The loss; {@code fromLogits} says the model outputs logits. */
  public KLDivergence(boolean fromLogits) {
    super("kl_divergence", Kind.KL_DIVERGENCE, fromLogits);
  }
}
