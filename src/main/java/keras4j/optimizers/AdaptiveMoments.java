package keras4j.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.OptimizerArg;
import keras4j.core.Variable;
import keras4j.ops.Ops;

/**
 * What Adam, AdamW, Adamax, Nadam and Lamb share: the decay rates {@code beta_1}, {@code beta_2}
 * of their moment estimates and {@code epsilon}, with Keras's defaults 0.9, 0.999 and 1e-7.
 */
abstract class AdaptiveMoments extends Optimizer {
  // Doubles, as Keras's Python floats: Keras computes 1 - beta in double and rounds that to
  // float32, which differs from 1 - float32(beta) by up to 1.3e-5 relative for beta2 = 0.999.
  final double beta1;
  final double beta2;
  final double epsilon;
  // Keras's _momentums and its second slots (_velocities, Adamax's _u), one per variable.
  private final String secondSlot;
  List<Variable> momentums;
  List<Variable> seconds;

  AdaptiveMoments(String name, String secondSlot, OptimizerArg[] args, String... accepted) {
    super(name, 0.001, args, names(accepted));
    this.secondSlot = secondSlot;
    this.beta1 = doubleArg("beta_1", 0.9);
    this.beta2 = doubleArg("beta_2", 0.999);
    this.epsilon = doubleArg("epsilon", 1e-7);
  }

  private static String[] names(String... more) {
    List<String> out = new ArrayList<>(List.of("beta_1", "beta_2", "epsilon"));
    out.addAll(List.of(more));
    return out.toArray(new String[0]);
  }

  /**
   * Creates a momentum and the second slot ("velocity", Adamax's "norm") for each variable in
   * turn, as Keras does.
   */
  @Override
  public void build(List<Variable> variables) {
    super.build(variables);
    List<List<Variable>> slots = addOptimizerVariables(variables, "momentum", secondSlot);
    momentums = slots.get(0);
    seconds = slots.get(1);
  }

  /** The positional settings shared by the subclasses' full constructors. */
  static OptimizerArg[] settings(double learningRate, double beta1, double beta2, double epsilon) {
    return new OptimizerArg[] {new keras4j.core.Kwarg("learning_rate", learningRate),
      new keras4j.core.Kwarg("beta_1", beta1), new keras4j.core.Kwarg("beta_2", beta2),
      new keras4j.core.Kwarg("epsilon", epsilon)};
  }

  /**
   * Keras's moving average {@code moment += (value - moment) * (1 - beta)}; returns the updated
   * moment. {@code oneMinusBeta} is computed as Keras does: from the Python float in Adam, from
   * the float32 beta in Nadam.
   */
  static KerasTensor updateMoment(Variable moment, KerasTensor value, double oneMinusBeta) {
    return moment.assignAdd(Ops.multiply(Ops.subtract(value, moment), oneMinusBeta));
  }

  /** {@code beta^t} for the 1-based step {@code t} of the update being built, in float32. */
  KerasTensor powerAtStep(double beta) {
    return Ops.power(scalar(beta), step());
  }

  /** The 1-based number of the update being built: Keras's {@code iterations + 1}. */
  KerasTensor step() {
    return Ops.add(iterationsValue(), scalar(1));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("beta_1", beta1);
    config.put("beta_2", beta2);
    config.put("epsilon", epsilon);
    return config;
  }
}
