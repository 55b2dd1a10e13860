package keras4j.metrics;

import keras4j.ops.Ops;

/**
 * Keras's {@code CategoricalAccuracy}: the fraction of samples whose arg-max output is the arg-
 * max of the one-hot label.
 */
public class CategoricalAccuracy extends MeanMetricWrapper {
  /**
   * The metric logged as {@code name}.
   *
   * @param name the name in logs and {@code History}, e.g. {@code "accuracy"} ({@code val_} is
   *     prepended for validation)
   */
  public CategoricalAccuracy(String name) {
    super(name, (yTrue, yPred) -> Ops.cast(
        Ops.equal(Ops.argmax(yTrue, -1), Ops.argmax(yPred, -1)), "float32"), "up");
  }
}
