package keras4j.losses;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Huber loss, Keras's {@code Huber(delta)} and {@code "huber"}: per value {@code e = yPred -
 * yTrue}, {@code 0.5 e²} where {@code |e| <= delta} and {@code delta |e| - 0.5 delta²} beyond,
 * averaged over the last axis.
 */
public class Huber extends Loss {
  private final double delta;

  /** The loss with Keras's default delta 1. */
  public Huber() {
    this(1.0, "sum_over_batch_size");
  }

  /**
   * Keras's {@code Huber(delta, reduction=reduction)}.
   *
   * @param delta the error size where the loss turns from quadratic to linear, positive (default 1)
   * @param reduction how per-sample losses are combined: {@code "sum_over_batch_size"} (Keras's
   *     default), {@code "sum"}, {@code "mean"}, {@code "mean_with_sample_weight"} or {@code
   *     "none"}
   */
  public Huber(double delta, String reduction) {
    super("huber", reduction);
    if (!(delta > 0)) {
      throw new IllegalArgumentException("Huber needs a delta above 0, got " + delta);
    }
    this.delta = delta;
  }

  /**
   * The loss a Keras config describes.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return the loss a Keras config describes
   */
  public static Huber fromConfig(ConfigReader config) {
    return new Huber(config.doubleValue("delta", 1.0), reduction(config));
  }

  @Override
  public KerasTensor call(KerasTensor yTrue, KerasTensor yPred) {
    KerasTensor error = Ops.abs(Ops.subtract(yPred, yTrue));
    // The quadratic part up to delta, the linear part beyond it: Keras's where(), without a branch.
    KerasTensor quadratic = Ops.minimum(error, Ops.multiply(Ops.onesLike(error), delta));
    KerasTensor linear = Ops.subtract(error, quadratic);
    return Ops.mean(Ops.add(Ops.multiply(Ops.square(quadratic), 0.5),
        Ops.multiply(linear, delta)), -1);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("delta", delta);
    return config;
  }
}
