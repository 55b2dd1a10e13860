package keras4j.losses;

import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/** Keras's {@code "poisson"}: {@code mean(yPred - yTrue * log(yPred + 1e-7))} over the last axis. */
public class Poisson extends Loss {
  /** The loss, reduced by Keras's default {@code sum_over_batch_size}. */
  public Poisson() {
    this("sum_over_batch_size");
  }

  /**
   * The loss, reduced as {@code reduction} says (see {@link Loss#REDUCTIONS}).
   *
   * @param reduction how per-sample losses are combined: {@code "sum_over_batch_size"} (Keras's
   *     default), {@code "sum"}, {@code "mean"}, {@code "mean_with_sample_weight"} or {@code
   *     "none"}
   */
  public Poisson(String reduction) {
    super("poisson", reduction);
  }

  /**
   * The loss a Keras config describes.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return the loss a Keras config describes
   */
  public static Poisson fromConfig(ConfigReader config) {
    return new Poisson(reduction(config));
  }

  @Override
  public KerasTensor call(KerasTensor yTrue, KerasTensor yPred) {
    KerasTensor logPred = Ops.log(Ops.add(yPred, EPSILON));
    return Ops.mean(Ops.subtract(yPred, Ops.multiply(yTrue, logPred)), -1);
  }
}
