package keras4j.optimizers;

import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * RMSprop, Keras 3's defaults: learning rate 0.001, rho 0.9, momentum 0, epsilon 1e-7. The update
 * is TensorFlow's {@code ApplyRMSProp}, Keras's rule: {@code v = rho * v + (1 - rho) * g^2; w -= lr
 * * g / sqrt(v + eps)}.
 */
public class RMSprop extends Optimizer {
  private final float rho;
  private final float momentum;
  private final float epsilon;
  private List<Variable> velocities;
  private List<Variable> momentums;

  /** RMSprop with Keras's defaults. */
  public RMSprop() {
    this(0.001);
  }

  /**
   * RMSprop with the given learning rate.
   *
   * @param learningRate step size of each update, a positive number (Keras's {@code learning_rate})
   */
  public RMSprop(double learningRate) {
    this(learningRate, 0.9, 0.0, 1e-7);
  }

  /**
   * RMSprop with every setting given.
   *
   * @param learningRate step size of each update, a positive number (Keras's {@code learning_rate})
   * @param rho the decay rate of the moving average of squared gradients (default 0.9)
   * @param momentum the momentum of the updates, in [0, 1] (default 0, none)
   * @param epsilon small constant added to the denominator for numerical stability (Keras's {@code
   *     epsilon}, default 1e-7)
   */
  public RMSprop(double learningRate, double rho, double momentum, double epsilon) {
    super("rmsprop", learningRate);
    this.rho = (float) rho;
    this.momentum = (float) momentum;
    this.epsilon = (float) epsilon;
  }

  /**
   * Keras's {@code from_config}, with Keras's defaults for what the config leaves out.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new optimizer configured as saved, with no state yet
   */
  public static RMSprop fromConfig(ConfigReader config) {
    return new RMSprop(Optimizer.learningRate(config, 0.001), config.doubleValue("rho", 0.9),
        config.doubleValue("momentum", 0), config.doubleValue("epsilon", 1e-7));
  }

  /**
   * Creates every variable's velocity, then, when momentum is above 0, every variable's momentum:
   * Keras's order.
   */
  @Override
  public void build(List<Variable> variables) {
    super.build(variables);
    velocities = addOptimizerVariables(variables, "velocity").get(0);
    if (momentum > 0) {
      momentums = addOptimizerVariables(variables, "momentum").get(0);
    }
  }

  @Override
  protected void updateStep(KerasTensor gradient, Variable variable, KerasTensor learningRate) {
    int i = variableIndex(variable);
    Variable velocity = velocities.get(i);
    KerasTensor newVelocity = velocity.assign(Ops.add(
        Ops.multiply(velocity, rho), Ops.multiply(Ops.square(gradient), 1 - rho)));
    KerasTensor increment = Ops.divide(Ops.multiply(learningRate, gradient),
        Ops.sqrt(Ops.add(newVelocity, scalar(epsilon))));
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
    return config;
  }
}
