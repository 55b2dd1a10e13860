package keras4j.losses;

import keras4j.backend.FrameworkLosses.Kind;
import keras4j.saving.ConfigReader;

/** Kullback-Leibler divergence, Keras's {@code "kld"}. */
public class KLDivergence extends BuiltinLoss {
  /** The loss on probabilities (or plain values). */
  public KLDivergence() {
    this(false);
  }

  /** The loss; {@code fromLogits} says the model outputs logits. */
  public KLDivergence(boolean fromLogits) {
    super("kl_divergence", Kind.KL_DIVERGENCE, fromLogits, "sum_over_batch_size");
  }

  /** The loss on plain values, reduced as {@code reduction} says (see {@link Loss#REDUCTIONS}). */
  public KLDivergence(String reduction) {
    super("kl_divergence", Kind.KL_DIVERGENCE, false, reduction);
  }

  /** The loss a Keras config describes. */
  public static KLDivergence fromConfig(ConfigReader config) {
    return new KLDivergence(reduction(config));
  }
}
