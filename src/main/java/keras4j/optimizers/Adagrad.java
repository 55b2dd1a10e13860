package keras4j.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.ops.Ops;

/**
 * Adagrad, Keras 3's defaults: learning rate 0.001, initial accumulator value 0.1, epsilon 1e-7.
 * Keras's rule, {@code accumulator += g^2; w -= lr * g / sqrt(accumulator + eps)}, is written out
 * because TensorFlow's {@code ApplyAdagradV2} puts epsilon outside the square root.
 */
public class Adagrad extends Optimizer {
  private final float initialAccumulatorValue;
  private final float epsilon;
  private List<Variable> accumulators;

  /** Adagrad with Keras's defaults. */
  public Adagrad() {
    this(0.001);
  }

  /**
   * Adagrad with the given learning rate.
   *
   * @param learningRate step size of each update, a positive number (Keras's {@code learning_rate})
   */
  public Adagrad(double learningRate) {
    this(learningRate, 0.1, 1e-7);
  }

  /**
   * Adagrad with every setting given.
   *
   * @param learningRate step size of each update, a positive number (Keras's {@code learning_rate})
   * @param initialAccumulatorValue the starting value of each weight's sum of squared gradients,
   *     non-negative (default 0.1)
   * @param epsilon small constant added to the denominator for numerical stability (Keras's {@code
   *     epsilon}, default 1e-7)
   */
  public Adagrad(double learningRate, double initialAccumulatorValue, double epsilon) {
    super("adagrad", learningRate);
    this.initialAccumulatorValue = (float) initialAccumulatorValue;
    this.epsilon = (float) epsilon;
  }

  /** Creates each variable's accumulator, starting at the initial accumulator value. */
  @Override
  public void build(List<Variable> variables) {
    super.build(variables);
    accumulators = new ArrayList<>();
    for (Variable v : variables) {
      accumulators.add(addVariableFromReference(v, "accumulator", initialAccumulatorValue));
    }
  }

  @Override
  protected void updateStep(KerasTensor gradient, Variable variable, KerasTensor learningRate) {
    Variable accumulator = accumulators.get(variableIndex(variable));
    KerasTensor accumulated = accumulator.assignAdd(Ops.square(gradient));
    KerasTensor denominator = Ops.sqrt(Ops.add(accumulated, scalar(epsilon)));
    variable.assignSub(Ops.divide(Ops.multiply(learningRate, gradient), denominator));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("initial_accumulator_value", initialAccumulatorValue);
    config.put("epsilon", epsilon);
    return config;
  }
}
