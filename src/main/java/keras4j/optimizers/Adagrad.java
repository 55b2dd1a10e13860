package keras4j.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.Kwarg;
import keras4j.core.OptimizerArg;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Adagrad, Keras 3's defaults: learning rate 0.001, initial accumulator value 0.1, epsilon 1e-7.
 * Keras's rule, {@code accumulator += g^2; w -= lr * g / sqrt(accumulator + eps)}, is written out
 * because TensorFlow's {@code ApplyAdagradV2} puts epsilon outside the square root.
 */
public class Adagrad extends Optimizer {
  private final float initialAccumulatorValue;
  private final float epsilon;
  private List<Variable> accumulators;

  /**
   * Adagrad with Keras's keyword arguments: {@code learningRate}, {@code
   * initialAccumulatorValue}, {@code epsilon} and the options of every optimizer.
   *
   * @param args the keyword arguments; none for Keras's defaults
   */
  public Adagrad(OptimizerArg... args) {
    super("adagrad", 0.001, args, "initial_accumulator_value", "epsilon");
    this.initialAccumulatorValue = (float) doubleArg("initial_accumulator_value", 0.1);
    this.epsilon = (float) doubleArg("epsilon", 1e-7);
  }

  /**
   * Adagrad with the given learning rate.
   *
   * @param learningRate the learning rate
   * @param args more keyword arguments
   */
  public Adagrad(double learningRate, OptimizerArg... args) {
    this(withArgs(args, new Kwarg("learning_rate", learningRate)));
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
    this(new Kwarg("learning_rate", learningRate),
        new Kwarg("initial_accumulator_value", initialAccumulatorValue),
        new Kwarg("epsilon", epsilon));
  }

  /**
   * Keras's {@code from_config}, with Keras's defaults for what the config leaves out.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new optimizer configured as saved, with no state yet
   */
  public static Adagrad fromConfig(ConfigReader config) {
    return new Adagrad(configArgs(config));
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
