package keras4j.metrics;

import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import org.tensorflow.ndarray.NdArrays;

/** Keras's {@code BinaryAccuracy}: the fraction of outputs on the right side of 0.5. */
public class BinaryAccuracy extends MeanMetricWrapper {
  private static final KerasTensor HALF = KerasTensor.constant(NdArrays.scalarOf(0.5f));

  /**
   * The metric logged as {@code name}.
   *
   * @param name the name in logs and {@code History}, e.g. {@code "accuracy"} ({@code val_} is
   *     prepended for validation)
   */
  public BinaryAccuracy(String name) {
    super(name, (yTrue, yPred) -> Ops.mean(Ops.equal(yTrue, Ops.greater(yPred, HALF)), -1), "up");
  }
}
