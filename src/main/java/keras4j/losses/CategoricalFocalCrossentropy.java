package keras4j.losses;

import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Keras's {@code CategoricalFocalCrossentropy} for one-hot labels: predictions rescaled to sum to
 * 1 and clipped to [1e-7, 1 - 1e-7], then {@code sum(alpha (1 - p)^gamma (-yTrue log p))} over
 * the classes.
 */
public class CategoricalFocalCrossentropy extends FocalCrossentropy {

  /** The loss with Keras's defaults: alpha 0.25, gamma 2, probabilities. */
  public CategoricalFocalCrossentropy() {
    this(0.25, 2.0, false, 0, "sum_over_batch_size");
  }

  /**
   * Keras's {@code CategoricalFocalCrossentropy(alpha, gamma, from_logits, label_smoothing,
   * reduction=reduction)}.
   *
   * @param alpha the weight of every class's term (default 0.25)
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
  public CategoricalFocalCrossentropy(double alpha, double gamma, boolean fromLogits,
      double labelSmoothing, String reduction) {
    super("categorical_focal_crossentropy", alpha, gamma, fromLogits, labelSmoothing,
        reduction);
  }

  /**
   * The loss a Keras config describes.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return the loss a Keras config describes
   */
  public static CategoricalFocalCrossentropy fromConfig(ConfigReader config) {
    return new CategoricalFocalCrossentropy(config.doubleValue("alpha", 0.25),
        config.doubleValue("gamma", 2.0), config.bool("from_logits", false),
        config.doubleValue("label_smoothing", 0), reduction(config));
  }

  @Override
  public KerasTensor call(KerasTensor yTrue, KerasTensor yPred) {
    KerasTensor y = yTrue;
    if (labelSmoothing != 0) {
      KerasTensor classes = Ops.sum(Ops.onesLike(yTrue), -1);
      y = Ops.add(Ops.multiply(yTrue, 1 - labelSmoothing),
          Ops.expandDims(Ops.divide(Ops.multiply(Ops.onesLike(classes), labelSmoothing), classes),
              -1));
    }
    KerasTensor p = fromLogits ? Ops.softmax(yPred) : yPred;
    p = Ops.clip(Ops.divide(p, Ops.expandDims(Ops.sum(p, -1), -1)), EPSILON, 1 - EPSILON);
    KerasTensor crossentropy = Ops.negative(Ops.multiply(y, Ops.log(p)));
    KerasTensor weight = Ops.multiply(Ops.power(Ops.add(Ops.negative(p), 1), gamma), alpha);
    return Ops.sum(Ops.multiply(weight, crossentropy), -1);
  }
}
