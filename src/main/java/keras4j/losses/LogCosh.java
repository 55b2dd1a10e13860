package keras4j.losses;

import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/** Keras's {@code "log_cosh"}: {@code mean(log(cosh(yPred - yTrue)))} over the last axis, computed as {@code x + softplus(-2x) - log 2} so large errors do not overflow. */
public class LogCosh extends Loss {
  /** The loss, reduced by Keras's default {@code sum_over_batch_size}. */
  public LogCosh() {
    this("sum_over_batch_size");
  }

  /**
   * The loss, reduced as {@code reduction} says (see {@link Loss#REDUCTIONS}).
   *
   * @param reduction how per-sample losses are combined: {@code "sum_over_batch_size"} (Keras's
   *     default), {@code "sum"}, {@code "mean"}, {@code "mean_with_sample_weight"} or {@code
   *     "none"}
   */
  public LogCosh(String reduction) {
    super("log_cosh", reduction);
  }

  /**
   * The loss a Keras config describes.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return the loss a Keras config describes
   */
  public static LogCosh fromConfig(ConfigReader config) {
    return new LogCosh(reduction(config));
  }

  @Override
  public KerasTensor call(KerasTensor yTrue, KerasTensor yPred) {
    KerasTensor x = Ops.subtract(yPred, yTrue);
    KerasTensor logCosh = Ops.add(x, Ops.softplus(Ops.multiply(x, -2)));
    return Ops.add(Ops.mean(logCosh, -1), -Math.log(2));
  }
}
