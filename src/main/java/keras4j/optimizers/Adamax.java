package keras4j.optimizers;

import keras4j.core.KerasTensor;
import keras4j.core.Kwarg;
import keras4j.core.OptimizerArg;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Adamax, Adam with the infinity norm; Keras 3's defaults: learning rate 0.001, beta1 0.9, beta2
 * 0.999, epsilon 1e-7. Keras's rule: {@code m += (g - m) * (1 - b1); u = max(b2 * u, |g|); w -= lr
 * * m / ((1 - b1^t) * (u + eps))}.
 */
public class Adamax extends AdaptiveMoments {
  /**
   * Adamax with Keras's keyword arguments: {@code learningRate}, {@code beta1}, {@code beta2},
   * {@code epsilon} and the options of every optimizer.
   *
   * @param args the keyword arguments; none for Keras's defaults
   */
  public Adamax(OptimizerArg... args) {
    super("adamax", "norm", args);
  }

  /**
   * Adamax with the given learning rate.
   *
   * @param learningRate the learning rate
   * @param args more keyword arguments
   */
  public Adamax(double learningRate, OptimizerArg... args) {
    this(withArgs(args, new Kwarg("learning_rate", learningRate)));
  }

  /**
   * Adamax with every setting given.
   *
   * @param learningRate step size of each update, a positive number (Keras's {@code learning_rate})
   * @param beta1 the decay rate of the first-moment (mean) estimates, Keras's {@code beta_1},
   *     default 0.9
   * @param beta2 the decay rate of the second-moment estimates, Keras's {@code beta_2}, default
   *     0.999
   * @param epsilon small constant added to the denominator for numerical stability (Keras's {@code
   *     epsilon}, default 1e-7)
   */
  public Adamax(double learningRate, double beta1, double beta2, double epsilon) {
    this(settings(learningRate, beta1, beta2, epsilon));
  }

  /**
   * Keras's {@code from_config}, with Keras's defaults for what the config leaves out.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new optimizer configured as saved, with no state yet
   */
  public static Adamax fromConfig(ConfigReader config) {
    return new Adamax(configArgs(config));
  }

  @Override
  protected void updateStep(KerasTensor gradient, Variable variable, KerasTensor learningRate) {
    int i = variableIndex(variable);
    Variable u = seconds.get(i);
    KerasTensor m = updateMoment(momentums.get(i), gradient, 1 - beta1);
    KerasTensor newU = u.assign(Ops.maximum(Ops.multiply(u, beta2), Ops.abs(gradient)));
    KerasTensor correction = Ops.subtract(scalar(1), powerAtStep(beta1));
    KerasTensor denominator = Ops.multiply(correction, Ops.add(newU, scalar(epsilon)));
    variable.assignSub(Ops.divide(Ops.multiply(learningRate, m), denominator));
  }
}
