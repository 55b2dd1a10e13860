package keras4j.optimizers;

import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.Kwarg;
import keras4j.core.OptimizerArg;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * RMSprop, Keras 3's defaults: learning rate 0.001, rho 0.9, momentum 0, epsilon 1e-7, not
 * centered. Keras's rule: {@code v = rho * v + (1 - rho) * g^2; w -= lr * g / sqrt(v + eps)};
 * centered, the denominator is {@code sqrt(v - a^2 + eps)} with the average gradient {@code a =
 * rho * a + (1 - rho) * g}; with momentum, {@code mom = momentum * mom + increment; w -= mom}.
 */
public class RMSprop extends Optimizer {
  private final double rho;
  private final double momentum;
  private final double epsilon;
  private final boolean centered;
  private List<Variable> velocities;
  private List<Variable> momentums;
  private List<Variable> averageGradients;

  /**
   * RMSprop with Keras's keyword arguments: {@code learningRate}, {@code rho}, {@code momentum},
   * {@code epsilon}, {@code centered} and the options of every optimizer.
   *
   * @param args the keyword arguments; none for Keras's defaults
   */
  public RMSprop(OptimizerArg... args) {
    super("rm_sprop", 0.001, args, "rho", "momentum", "epsilon", "centered");
    this.rho = doubleArg("rho", 0.9);
    this.momentum = doubleArg("momentum", 0);
    this.epsilon = doubleArg("epsilon", 1e-7);
    this.centered = booleanArg("centered", false);
  }

  /**
   * RMSprop with the given learning rate.
   *
   * @param learningRate the learning rate
   * @param args more keyword arguments
   */
  public RMSprop(double learningRate, OptimizerArg... args) {
    this(withArgs(args, new Kwarg("learning_rate", learningRate)));
  }

  /**
   * RMSprop with every setting but centered given.
   *
   * @param learningRate the learning rate
   * @param rho the discounting factor of the old gradients
   * @param momentum the momentum, 0 for none
   * @param epsilon the constant added to the denominator
   */
  public RMSprop(double learningRate, double rho, double momentum, double epsilon) {
    this(new Kwarg("learning_rate", learningRate), new Kwarg("rho", rho),
        new Kwarg("momentum", momentum), new Kwarg("epsilon", epsilon));
  }

  /**
   * Keras's {@code from_config}, with Keras's defaults for what the config leaves out.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new optimizer configured as saved, with no state yet
   */
  public static RMSprop fromConfig(ConfigReader config) {
    return new RMSprop(configArgs(config));
  }

  /**
   * Creates every variable's velocity, then, when momentum is above 0, every variable's momentum,
   * then, when centered, every variable's average gradient: Keras's order.
   */
  @Override
  public void build(List<Variable> variables) {
    super.build(variables);
    velocities = addOptimizerVariables(variables, "velocity").get(0);
    if (momentum > 0) {
      momentums = addOptimizerVariables(variables, "momentum").get(0);
    }
    if (centered) {
      averageGradients = addOptimizerVariables(variables, "average_gradient").get(0);
    }
  }

  @Override
  protected void updateStep(KerasTensor gradient, Variable variable, KerasTensor learningRate) {
    int i = variableIndex(variable);
    Variable velocity = velocities.get(i);
    KerasTensor newVelocity = velocity.assign(Ops.add(
        Ops.multiply(velocity, rho), Ops.multiply(Ops.square(gradient), 1 - rho)));
    KerasTensor denominator;
    if (centered) {
      Variable average = averageGradients.get(i);
      KerasTensor newAverage = average.assign(
          Ops.add(Ops.multiply(average, rho), Ops.multiply(gradient, 1 - rho)));
      denominator = Ops.add(Ops.subtract(newVelocity, Ops.square(newAverage)), scalar(epsilon));
    } else {
      denominator = Ops.add(newVelocity, scalar(epsilon));
    }
    KerasTensor increment =
        Ops.divide(Ops.multiply(learningRate, gradient), Ops.sqrt(denominator));
    if (momentum > 0) {
      Variable moment = momentums.get(i);
      variable.assignSub(moment.assign(Ops.add(Ops.multiply(moment, momentum), increment)));
    } else {
      variable.assignSub(increment);
    }
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("rho", rho);
    config.put("momentum", momentum);
    config.put("epsilon", epsilon);
    config.put("centered", centered);
    return config;
  }
}
