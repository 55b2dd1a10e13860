package keras4j.metrics;

import keras4j.ops.Ops;

/**
 * Keras's {@code SparseCategoricalAccuracy}: the fraction of samples whose arg-max output is the
 * class-id label.
 */
public class SparseCategoricalAccuracy extends MeanMetricWrapper {
  /**
   * The metric logged as {@code name}.
   *
   * @param name the name in logs and {@code History}, e.g. {@code "accuracy"} ({@code val_} is
   *     prepended for validation)
   */
  public SparseCategoricalAccuracy(String name) {
    super(name, (yTrue, yPred) -> Ops.cast(
        Ops.equal(Ops.reshape(yTrue, -1), Ops.argmax(yPred, -1)), "float32"), "up");
  }
}
