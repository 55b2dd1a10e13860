package keras4j.constraints;

import java.util.Map;
import java.util.function.UnaryOperator;
import keras4j.core.KerasTensor;

/**
 * A projection of a weight that optimizers apply after each update, like {@code
 * keras.constraints.Constraint}: {@code variable.assign(constraint(variable))}. Layers take one
 * per weight ({@code kernelConstraint(new MaxNorm(2))}); {@link Constraints#get} finds the
 * built-ins by Keras's names.
 */
public interface Constraint extends UnaryOperator<KerasTensor> {
  /**
   * The projected weight, shaped as {@code weight}.
   *
   * @param weight the weight's current value
   * @return its projection (normalized, clipped, ...)
   */
  @Override
  KerasTensor apply(KerasTensor weight);

  /**
   * Keras's class name and config, for saving: {@code {"class_name": "MaxNorm", "config":
   * {"max_value": 2, "axis": 0}}}.
   *
   * @return the class name and config, under those two keys
   */
  Map<String, Object> getConfig();
}
