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
 * Lion, Keras 3's {@code Lion} (evolved sign momentum); defaults: learning rate 0.001, beta1
 * 0.9, beta2 0.99. The rule: {@code w -= lr * sign(b1 * m + (1 - b1) * g); m = b2 * m + (1 - b2)
 * * g}.
 */
public class Lion extends Optimizer {
  private final float beta1;
  private final float beta2;
  private List<Variable> momentums;

  /**
   * Lion with Keras's keyword arguments: {@code learningRate}, {@code beta1}, {@code beta2} and
   * the options of every optimizer.
   *
   * @param args the keyword arguments; none for Keras's defaults
   * @throws IllegalArgumentException if beta1 is not in (0, 1]
   */
  public Lion(OptimizerArg... args) {
    super("lion", 0.001, args, "beta_1", "beta_2");
    double b1 = doubleArg("beta_1", 0.9);
    if (b1 <= 0 || b1 > 1) {
      throw new IllegalArgumentException("Argument beta_1 must be in the [0, 1] range."
          + " Otherwise, the optimizer degenerates to SignSGD. Received: beta_1=" + b1);
    }
    this.beta1 = (float) b1;
    this.beta2 = (float) doubleArg("beta_2", 0.99);
  }

  /**
   * Lion with the given learning rate.
   *
   * @param learningRate the learning rate
   * @param args more keyword arguments
   */
  public Lion(double learningRate, OptimizerArg... args) {
    this(withArgs(args, new Kwarg("learning_rate", learningRate)));
  }

  /**
   * Keras's {@code from_config}, with Keras's defaults for what the config leaves out.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new optimizer configured as saved, with no state yet
   */
  public static Lion fromConfig(ConfigReader config) {
    return new Lion(configArgs(config));
  }

  /** Creates a momentum for each variable, as Keras does. */
  @Override
  public void build(List<Variable> variables) {
    super.build(variables);
    momentums = addOptimizerVariables(variables, "momentum").get(0);
  }

  @Override
  protected void updateStep(KerasTensor gradient, Variable variable, KerasTensor learningRate) {
    Variable m = momentums.get(variableIndex(variable));
    KerasTensor direction = Ops.sign(
        Ops.add(Ops.multiply(m, beta1), Ops.multiply(gradient, 1 - beta1)));
    variable.assignSub(Ops.multiply(learningRate, direction));
    m.assign(Ops.add(Ops.multiply(m, beta2), Ops.multiply(gradient, 1 - beta2)));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("beta_1", beta1);
    config.put("beta_2", beta2);
    return config;
  }
}
