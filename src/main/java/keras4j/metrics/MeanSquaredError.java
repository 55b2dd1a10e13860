package keras4j.metrics;

import keras4j.ops.Ops;

/**
 * Keras's {@code keras.metrics.MeanSquaredError}: the mean over samples of {@code mean((y -
 * p)^2)}.
 */
public class MeanSquaredError extends MeanMetricWrapper {
  /** The metric logged as {@code name}. */
  public MeanSquaredError(String name) {
    super(name, (yTrue, yPred) -> Ops.mean(Ops.square(Ops.subtract(yTrue, yPred)), -1), "down");
  }
}
