package keras4j.metrics;

import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import org.tensorflow.ndarray.Shape;

/**
 * The weighted mean of the values it is given, Keras's {@code keras.metrics.Mean}: {@code total
 * += sum(values * weight)}, {@code count += sum(weight)}, result {@code total / count}. {@code
 * fit} tracks the loss with one, weighted by the batch size.
 */
public class Mean extends Metric {
  private final Variable total;
  private final Variable count;

  /**
   * A mean logged as {@code name}.
   *
   * @param name the name in logs and {@code History}, e.g. {@code "accuracy"} ({@code val_} is
   *     prepended for validation)
   */
  public Mean(String name) {
    super(name);
    total = addVariable("total", Shape.scalar(), 0);
    count = addVariable("count", Shape.scalar(), 0);
  }

  /**
   * Accumulates {@code values} with {@code sampleWeight}: per value (same shape), a scalar weight
   * for all of them, or null (each value weighs 1).
   *
   * @param values the values to average
   * @param sampleWeight the weights, or null for weight 1 each
   */
  public void updateState(KerasTensor values, KerasTensor sampleWeight) {
    if (sampleWeight == null) {
      total.assignAdd(Ops.sum(values));
      count.assignAdd(Ops.sum(Ops.onesLike(values)));
    } else if (sampleWeight.shape().numDimensions() == 0) {
      total.assignAdd(Ops.multiply(Ops.sum(values), sampleWeight));
      count.assignAdd(Ops.multiply(Ops.sum(Ops.onesLike(values)), sampleWeight));
    } else {
      total.assignAdd(Ops.sum(Ops.multiply(values, sampleWeight)));
      count.assignAdd(Ops.sum(Ops.multiply(Ops.onesLike(values), sampleWeight)));
    }
  }

  /** As a compiled metric: the mean of the predictions {@code yPred}. */
  @Override
  public void updateState(KerasTensor yTrue, KerasTensor yPred, KerasTensor sampleWeight) {
    updateState(yPred, sampleWeight);
  }

  @Override
  public KerasTensor result() {
    return Ops.divideNoNan(total, count);
  }
}
