package keras4j.optimizers;

import java.util.List;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.ops.Ops;

/**
 * Adamax, Adam with the infinity norm; Keras 3's defaults: learning rate 0.001, beta1 0.9, beta2
 * 0.999, epsilon 1e-7. Keras's rule: {@code m += (g - m) * (1 - b1); u = max(b2 * u, |g|); w -= lr
 * * m / ((1 - b1^t) * (u + eps))}.
 */
public class Adamax extends AdaptiveMoments {
  /** Adamax with Keras's defaults. */
  public Adamax() {
    this(0.001);
  }

  /**
   * Adamax with the given learning rate.
   *
   * @param learningRate step size of each update, a positive number (Keras's {@code learning_rate})
   */
  public Adamax(double learningRate) {
    this(learningRate, DEFAULT_BETA_1, DEFAULT_BETA_2, DEFAULT_EPSILON);
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
    super("adamax", learningRate, beta1, beta2, epsilon);
  }

  private List<Variable> momentums;
  private List<Variable> norms;

  /** Creates a momentum and a norm for each variable in turn, as Keras does. */
  @Override
  public void build(List<Variable> variables) {
    super.build(variables);
    List<List<Variable>> slots = addOptimizerVariables(variables, "momentum", "norm");
    momentums = slots.get(0);
    norms = slots.get(1);
  }

  @Override
  protected void updateStep(KerasTensor gradient, Variable variable, KerasTensor learningRate) {
    int i = variableIndex(variable);
    Variable u = norms.get(i);
    KerasTensor m = updateMoment(momentums.get(i), gradient, beta1);
    KerasTensor newU = u.assign(Ops.maximum(Ops.multiply(u, beta2), Ops.abs(gradient)));
    KerasTensor correction = Ops.subtract(scalar(1), powerAtStep(beta1));
    KerasTensor denominator = Ops.multiply(correction, Ops.add(newU, scalar(epsilon)));
    variable.assignSub(Ops.divide(Ops.multiply(learningRate, m), denominator));
  }
}
