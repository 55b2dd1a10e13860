package keras4j.metrics;

import keras4j.ops.Ops;

/**
 * Keras's {@code keras.metrics.MeanAbsoluteError}: the mean over samples of {@code mean(|y -
 * p|)}.
 */
public class MeanAbsoluteError extends MeanMetricWrapper {
  /**
   * The metric logged as {@code name}.
   *
   * @param name the name in logs and {@code History}, e.g. {@code "accuracy"} ({@code val_} is
   *     prepended for validation)
   */
  public MeanAbsoluteError(String name) {
    super(name, (yTrue, yPred) -> Ops.mean(Ops.abs(Ops.subtract(yTrue, yPred)), -1), "down");
  }
}
