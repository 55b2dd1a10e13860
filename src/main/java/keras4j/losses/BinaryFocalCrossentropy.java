package keras4j.losses;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Keras's {@code BinaryFocalCrossentropy}: the binary crossentropy of probabilities clipped to
 * [1e-7, 1 - 1e-7], times {@code (1 - p_t)^gamma} where {@code p_t} is the probability given to
 * the true label, times {@code alpha} (positives) or {@code 1 - alpha} (negatives) when {@code
 * applyClassBalancing}; averaged over the last axis.
 */
public class BinaryFocalCrossentropy extends FocalCrossentropy {
  private final boolean applyClassBalancing;

  /** The loss with Keras's defaults: no class balancing, alpha 0.25, gamma 2, probabilities. */
  public BinaryFocalCrossentropy() {
    this(false, 0.25, 2.0, false, 0, "sum_over_batch_size");
  }

  /**
   * Keras's {@code BinaryFocalCrossentropy(apply_class_balancing, alpha, gamma, from_logits,
   * label_smoothing, reduction=reduction)}.
   *
   * @param applyClassBalancing true to weight the positive class by {@code alpha} and the negative
   *     one by {@code 1 - alpha} (default false)
   * @param alpha the positive class's weight when balancing classes, in [0, 1] (default 0.25)
   * @param gamma the focusing exponent: the higher, the less well-classified samples count (default
   *     2)
   * @param fromLogits true when the model outputs raw scores (logits) rather than probabilities;
   *     Keras's {@code from_logits}, default false
   * @param labelSmoothing in [0, 1]: how far labels are pulled towards uniform before the loss
   *     (Keras's {@code label_smoothing}, default 0)
   * @param reduction how per-sample losses are combined: {@code "sum_over_batch_size"} (Keras's
   *     default), {@code "sum"}, {@code "mean"}, {@code "mean_with_sample_weight"} or {@code
   *     "none"}
   */
  public BinaryFocalCrossentropy(boolean applyClassBalancing, double alpha, double gamma,
      boolean fromLogits, double labelSmoothing, String reduction) {
    super("binary_focal_crossentropy", alpha, gamma, fromLogits, labelSmoothing, reduction);
    this.applyClassBalancing = applyClassBalancing;
  }

  /**
   * The loss a Keras config describes.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return the loss a Keras config describes
   */
  public static BinaryFocalCrossentropy fromConfig(ConfigReader config) {
    return new BinaryFocalCrossentropy(config.bool("apply_class_balancing", false),
        config.doubleValue("alpha", 0.25), config.doubleValue("gamma", 2.0),
        config.bool("from_logits", false), config.doubleValue("label_smoothing", 0),
        reduction(config));
  }

  @Override
  public KerasTensor call(KerasTensor yTrue, KerasTensor yPred) {
    KerasTensor y = Ops.add(Ops.multiply(yTrue, 1 - labelSmoothing), 0.5 * labelSmoothing);
    KerasTensor p = Ops.clip(fromLogits ? Ops.sigmoid(yPred) : yPred, EPSILON, 1 - EPSILON);
    KerasTensor notY = Ops.add(Ops.negative(y), 1);
    KerasTensor notP = Ops.add(Ops.negative(p), 1);
    KerasTensor bce = Ops.negative(Ops.add(Ops.multiply(y, Ops.log(p)),
        Ops.multiply(notY, Ops.log(notP))));
    KerasTensor pT = Ops.add(Ops.multiply(y, p), Ops.multiply(notY, notP));
    KerasTensor focal = Ops.multiply(Ops.power(Ops.add(Ops.negative(pT), 1), gamma), bce);
    if (applyClassBalancing) {
      focal = Ops.multiply(focal,
          Ops.add(Ops.multiply(y, alpha), Ops.multiply(notY, 1 - alpha)));
    }
    return Ops.mean(focal, -1);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("apply_class_balancing", applyClassBalancing);
    return config;
  }
}
