package keras4j.losses;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Keras's {@code Tversky(alpha, beta)} loss for segmentation, over the whole batch ({@code
 * axis=None}): {@code 1 - TP / (TP + alpha FP + beta FN + 1e-7)}, with {@code TP = sum(yTrue
 * yPred)}, {@code FP = sum((1 - yPred) yTrue)} and {@code FN = sum(yPred (1 - yTrue))} as Keras
 * counts them. alpha = beta = 0.5 is the Dice loss.
 */
public class Tversky extends Loss {
  private final double alpha;
  private final double beta;

  /** The loss with Keras's defaults alpha = beta = 0.5. */
  public Tversky() {
    this(0.5, 0.5, "sum_over_batch_size");
  }

  /**
   * Keras's {@code Tversky(alpha, beta, reduction=reduction)}.
   *
   * @param alpha the weight of false positives (default 0.5)
   * @param beta the weight of false negatives (default 0.5)
   * @param reduction how per-sample losses are combined: {@code "sum_over_batch_size"} (Keras's
   *     default), {@code "sum"}, {@code "mean"}, {@code "mean_with_sample_weight"} or {@code
   *     "none"}
   */
  public Tversky(double alpha, double beta, String reduction) {
    super("tversky", reduction);
    this.alpha = alpha;
    this.beta = beta;
  }

  /**
   * The loss a Keras config describes; only {@code axis=None} is supported.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return the loss a Keras config describes; only {@code axis=None} is supported
   */
  public static Tversky fromConfig(ConfigReader config) {
    Dice.requireWholeBatch(config);
    return new Tversky(config.doubleValue("alpha", 0.5), config.doubleValue("beta", 0.5),
        reduction(config));
  }

  @Override
  public KerasTensor call(KerasTensor yTrue, KerasTensor yPred) {
    KerasTensor intersection = Ops.sum(Ops.multiply(yTrue, yPred));
    KerasTensor falsePositives = Ops.sum(Ops.multiply(Ops.add(Ops.negative(yPred), 1), yTrue));
    KerasTensor falseNegatives = Ops.sum(Ops.multiply(yPred, Ops.add(Ops.negative(yTrue), 1)));
    KerasTensor denominator = Ops.add(Ops.add(Ops.add(intersection,
        Ops.multiply(falsePositives, alpha)), Ops.multiply(falseNegatives, beta)), EPSILON);
    return Ops.add(Ops.negative(Ops.divide(intersection, denominator)), 1);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("alpha", alpha);
    config.put("beta", beta);
    config.put("axis", null);
    return config;
  }
}
