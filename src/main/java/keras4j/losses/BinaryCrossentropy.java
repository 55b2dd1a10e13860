package keras4j.losses;

import keras4j.backend.FrameworkLosses.Kind;
import keras4j.saving.ConfigReader;

/** Binary crossentropy for 0/1 labels and one sigmoid output per label. */
public class BinaryCrossentropy extends SmoothedCrossentropy {
  /** The loss on probabilities (or plain values). */
  public BinaryCrossentropy() {
    this(false);
  }

  /**
   * The loss; {@code fromLogits} says the model outputs logits.
   *
   * @param fromLogits true when the model outputs raw scores (logits) rather than probabilities;
   *     Keras's {@code from_logits}, default false
   */
  public BinaryCrossentropy(boolean fromLogits) {
    this(fromLogits, 0, "sum_over_batch_size");
  }

  /**
   * Keras's {@code BinaryCrossentropy(from_logits, label_smoothing, reduction=reduction)}: labels
   * become {@code y * (1 - labelSmoothing) + 0.5 * labelSmoothing}.
   *
   * @param fromLogits true when the model outputs raw scores (logits) rather than probabilities;
   *     Keras's {@code from_logits}, default false
   * @param labelSmoothing in [0, 1]: labels become {@code y * (1 - labelSmoothing) + 0.5 *
   *     labelSmoothing}
   * @param reduction how per-sample losses are combined: {@code "sum_over_batch_size"} (Keras's
   *     default), {@code "sum"}, {@code "mean"}, {@code "mean_with_sample_weight"} or {@code
   *     "none"}
   */
  public BinaryCrossentropy(boolean fromLogits, double labelSmoothing, String reduction) {
    super("binary_crossentropy", Kind.BINARY_CROSSENTROPY, fromLogits, labelSmoothing, reduction);
  }

  /**
   * The loss a Keras config describes.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return the loss a Keras config describes
   */
  public static BinaryCrossentropy fromConfig(ConfigReader config) {
    return new BinaryCrossentropy(config.bool("from_logits", false),
        config.doubleValue("label_smoothing", 0), reduction(config));
  }
}
