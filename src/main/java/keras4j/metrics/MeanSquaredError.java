package keras4j.metrics;

import keras4j.ops.Ops;

/**
 * Keras's {@code keras.metrics.MeanSquaredError}: the mean over samples of {@code mean((y -
 * p)^2)}.
 */
public class MeanSquaredError extends MeanMetricWrapper {
  /**
   * The metric logged as {@code name}.
   *
   * @param name the name in logs and {@code History}, e.g. {@code "accuracy"} ({@code val_} is
   *     prepended for validation)
   */
  public MeanSquaredError(String name) {
    super(name, (yTrue, yPred) -> Ops.mean(Ops.square(Ops.subtract(yTrue, yPred)), -1), "down");
  }
}
