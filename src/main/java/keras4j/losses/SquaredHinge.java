package keras4j.losses;

import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/** Keras's {@code "squared_hinge"}: {@code mean(max(1 - yTrue * yPred, 0)²)} over the last axis; 0/1 labels are mapped to -1/1 first. */
public class SquaredHinge extends Loss {
  /** The loss, reduced by Keras's default {@code sum_over_batch_size}. */
  public SquaredHinge() {
    this("sum_over_batch_size");
  }

  /**
   * The loss, reduced as {@code reduction} says (see {@link Loss#REDUCTIONS}).
   *
   * @param reduction how per-sample losses are combined: {@code "sum_over_batch_size"} (Keras's
   *     default), {@code "sum"}, {@code "mean"}, {@code "mean_with_sample_weight"} or {@code
   *     "none"}
   */
  public SquaredHinge(String reduction) {
    super("squared_hinge", reduction);
  }

  /**
   * The loss a Keras config describes.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return the loss a Keras config describes
   */
  public static SquaredHinge fromConfig(ConfigReader config) {
    return new SquaredHinge(reduction(config));
  }

  @Override
  public KerasTensor call(KerasTensor yTrue, KerasTensor yPred) {
    KerasTensor margin = Ops.relu(Ops.add(Ops.negative(Ops.multiply(Hinge.signedLabels(yTrue), yPred)), 1));
    return Ops.mean(Ops.square(margin), -1);
  }
}
