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
 * Gradient descent with optional momentum, Keras 3's {@code SGD} (learning rate 0.01): {@code v =
 * momentum * v - lr * g; w += v} (Nesterov: {@code w += momentum * v - lr * g}).
 */
public class SGD extends Optimizer {
  private final float momentum;
  private final boolean nesterov;
  private List<Variable> momentums;

  /**
   * SGD with Keras's keyword arguments: {@code learningRate} (0.01), {@code momentum} (0),
   * {@code nesterov} (false) and the options of every optimizer.
   *
   * @param args the keyword arguments; none for Keras's defaults
   */
  public SGD(OptimizerArg... args) {
    super("sgd", 0.01, args, "momentum", "nesterov");
    double m = doubleArg("momentum", 0);
    if (!(m >= 0 && m <= 1)) {
      throw new IllegalArgumentException("momentum must be a float between [0, 1], got " + m);
    }
    this.momentum = (float) m;
    this.nesterov = booleanArg("nesterov", false);
  }

  /**
   * SGD with the given learning rate.
   *
   * @param learningRate the learning rate
   * @param args more keyword arguments
   */
  public SGD(double learningRate, OptimizerArg... args) {
    this(withArgs(args, new Kwarg("learning_rate", learningRate)));
  }

  /**
   * SGD with momentum in [0, 1], optionally Nesterov's.
   *
   * @param learningRate step size of each update, a positive number (Keras's {@code learning_rate})
   * @param momentum the fraction of the previous update added to this one, in [0, 1] (default 0)
   * @param nesterov true for Nesterov momentum (default false)
   */
  public SGD(double learningRate, double momentum, boolean nesterov) {
    this(new Kwarg("learning_rate", learningRate), new Kwarg("momentum", momentum),
        new Kwarg("nesterov", nesterov));
  }

  /**
   * Keras's {@code from_config}, with Keras's defaults for what the config leaves out.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new optimizer configured as saved, with no state yet
   */
  public static SGD fromConfig(ConfigReader config) {
    return new SGD(configArgs(config));
  }

  /**
   * Creates a momentum for each variable when momentum is not 0 (Keras saves none otherwise).
   */
  @Override
  public void build(List<Variable> variables) {
    super.build(variables);
    if (momentum != 0) {
      momentums = addOptimizerVariables(variables, "momentum").get(0);
    }
  }

  @Override
  protected void updateStep(KerasTensor gradient, Variable variable, KerasTensor learningRate) {
    KerasTensor lrGrad = Ops.multiply(learningRate, gradient);
    if (momentum == 0) {
      variable.assignSub(lrGrad);
      return;
    }
    Variable velocity = momentums.get(variableIndex(variable));
    KerasTensor newVelocity = velocity.assign(Ops.subtract(Ops.multiply(velocity, momentum), lrGrad));
    variable.assignAdd(nesterov
        ? Ops.subtract(Ops.multiply(newVelocity, momentum), lrGrad)
        : newVelocity);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("momentum", momentum);
    config.put("nesterov", nesterov);
    return config;
  }
}
