package keras4j.metrics;

import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import org.tensorflow.ndarray.Shape;

/**
 * The weighted sum of the values it is given, Keras's {@code keras.metrics.Sum}: {@code total +=
 * sum(values * weight)}. As a compiled metric it sums the predictions.
 */
public class Sum extends Metric {
  private final Variable total;

  /**
   * A sum logged as {@code name}.
   *
   * @param name the name in logs and {@code History}, e.g. {@code "accuracy"} ({@code val_} is
   *     prepended for validation)
   */
  public Sum(String name) {
    super(name);
    total = addVariable("total", Shape.scalar(), 0);
  }

  /**
   * Adds {@code values}, each times its {@code sampleWeight} (null: weight 1).
   *
   * @param values the values to add
   * @param sampleWeight the weights, or null for weight 1 each
   */
  public void updateState(KerasTensor values, KerasTensor sampleWeight) {
    total.assignAdd(Ops.sum(sampleWeight == null ? values : Ops.multiply(values, sampleWeight)));
  }

  @Override
  public void updateState(KerasTensor yTrue, KerasTensor yPred, KerasTensor sampleWeight) {
    updateState(yPred, sampleWeight);
  }

  @Override
  public KerasTensor result() {
    return total.value();
  }
}
