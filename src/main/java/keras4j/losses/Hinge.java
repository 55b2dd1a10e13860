package keras4j.losses;

import keras4j.backend.FrameworkLosses.Kind;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/** Hinge loss for labels in {-1, 1} (0/1 labels are mapped), Keras's {@code "hinge"}. */
public class Hinge extends BuiltinLoss {
  /** The loss on probabilities (or plain values). */
  public Hinge() {
    this(false);
  }

  /**
   * The loss; {@code fromLogits} says the model outputs logits.
   *
   * @param fromLogits true when the model outputs raw scores (logits) rather than probabilities;
   *     Keras's {@code from_logits}, default false
   */
  public Hinge(boolean fromLogits) {
    super("hinge", Kind.HINGE, fromLogits, "sum_over_batch_size");
  }

  /**
   * The loss on plain values, reduced as {@code reduction} says (see {@link Loss#REDUCTIONS}).
   *
   * @param reduction how per-sample losses are combined: {@code "sum_over_batch_size"} (Keras's
   *     default), {@code "sum"}, {@code "mean"}, {@code "mean_with_sample_weight"} or {@code
   *     "none"}
   */
  public Hinge(String reduction) {
    super("hinge", Kind.HINGE, false, reduction);
  }

  /**
   * Keras's {@code convert_binary_labels_to_hinge}: labels that are all 0 or 1 become -1 or 1
   * ({@code 2y - 1}), others are kept.
   */
  static KerasTensor signedLabels(KerasTensor yTrue) {
    // 1 when every label is 0 or 1, else 0: Keras's cond() as arithmetic, y + binary * (y - 1).
    KerasTensor binary = Ops.cast(
        Ops.all(Ops.logicalOr(Ops.equal(yTrue, 0), Ops.equal(yTrue, 1))), "float32");
    return Ops.add(yTrue, Ops.multiply(binary, Ops.add(yTrue, -1)));
  }

  /**
   * The loss a Keras config describes.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return the loss a Keras config describes
   */
  public static Hinge fromConfig(ConfigReader config) {
    return new Hinge(reduction(config));
  }
}
