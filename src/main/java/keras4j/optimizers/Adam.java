package keras4j.optimizers;

import java.util.List;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.saving.ConfigReader;

/**
 * Adam, Keras 3's defaults: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7. The update
 * is TensorFlow's {@code ApplyAdam}, the same rule as Keras: {@code w -= lr * sqrt(1 - b2^t) / (1 -
 * b1^t) * m / (sqrt(v) + eps)}.
 */
public class Adam extends AdaptiveMoments {
  /** Adam with Keras's defaults. */
  public Adam() {
    this(0.001);
  }

  /**
   * Adam with the given learning rate.
   *
   * @param learningRate step size of each update, a positive number (Keras's {@code learning_rate})
   */
  public Adam(double learningRate) {
    this(learningRate, DEFAULT_BETA_1, DEFAULT_BETA_2, DEFAULT_EPSILON);
  }

  /**
   * Adam with every setting given.
   *
   * @param learningRate step size of each update, a positive number (Keras's {@code learning_rate})
   * @param beta1 the decay rate of the first-moment (mean) estimates, Keras's {@code beta_1},
   *     default 0.9
   * @param beta2 the decay rate of the second-moment estimates, Keras's {@code beta_2}, default
   *     0.999
   * @param epsilon small constant added to the denominator for numerical stability (Keras's {@code
   *     epsilon}, default 1e-7)
   */
  public Adam(double learningRate, double beta1, double beta2, double epsilon) {
    super("adam", learningRate, beta1, beta2, epsilon);
  }

  private List<Variable> momentums;
  private List<Variable> velocities;

  /**
   * Keras's {@code from_config}, with Keras's defaults for what the config leaves out.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new optimizer configured as saved, with no state yet
   */
  public static Adam fromConfig(ConfigReader config) {
    return new Adam(Optimizer.learningRate(config, 0.001), config.doubleValue("beta_1", 0.9),
        config.doubleValue("beta_2", 0.999), config.doubleValue("epsilon", 1e-7));
  }

  /** Creates a momentum and a velocity for each variable in turn, as Keras does. */
  @Override
  public void build(List<Variable> variables) {
    super.build(variables);
    List<List<Variable>> slots = addOptimizerVariables(variables, "momentum", "velocity");
    momentums = slots.get(0);
    velocities = slots.get(1);
  }

  /** Keras's Adam rule, run as TensorFlow's fused {@code ApplyAdam} kernel. */
  @Override
  protected void updateStep(KerasTensor gradient, Variable variable, KerasTensor learningRate) {
    int i = variableIndex(variable);
    FusedKernels.applyAdam(variable, momentums.get(i), velocities.get(i), powerAtStep(beta1),
        powerAtStep(beta2), learningRate, beta1, beta2, epsilon, gradient);
  }
}
