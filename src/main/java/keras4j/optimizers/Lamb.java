package keras4j.optimizers;

import keras4j.core.KerasTensor;
import keras4j.core.Kwarg;
import keras4j.core.OptimizerArg;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Lamb, Keras 3's {@code Lamb} (layer-wise adaptive moments); defaults: learning rate 0.001,
 * beta1 0.9, beta2 0.999, epsilon 1e-7. Adam's moments give {@code update = (m / (1 - b1^t)) /
 * (sqrt(v / (1 - b2^t)) + eps)}, scaled per variable by the trust ratio {@code ||w|| /
 * ||update||} (1 when either norm is 0): {@code w -= ratio * lr * update}.
 */
public class Lamb extends AdaptiveMoments {
  /**
   * Lamb with Keras's keyword arguments: {@code learningRate}, {@code beta1}, {@code beta2},
   * {@code epsilon} and the options of every optimizer.
   *
   * @param args the keyword arguments; none for Keras's defaults
   */
  public Lamb(OptimizerArg... args) {
    super("lamb", "velocity", args);
  }

  /**
   * Lamb with the given learning rate.
   *
   * @param learningRate the learning rate
   * @param args more keyword arguments
   */
  public Lamb(double learningRate, OptimizerArg... args) {
    this(withArgs(args, new Kwarg("learning_rate", learningRate)));
  }

  /**
   * Keras's {@code from_config}, with Keras's defaults for what the config leaves out.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new optimizer configured as saved, with no state yet
   */
  public static Lamb fromConfig(ConfigReader config) {
    return new Lamb(configArgs(config));
  }

  @Override
  protected void updateStep(KerasTensor gradient, Variable variable, KerasTensor learningRate) {
    int i = variableIndex(variable);
    KerasTensor one = scalar(1);
    KerasTensor m = updateMoment(momentums.get(i), gradient, 1 - beta1);
    KerasTensor v = updateMoment(seconds.get(i), Ops.square(gradient), 1 - beta2);
    KerasTensor mHat = Ops.divide(m, Ops.subtract(one, powerAtStep(beta1)));
    KerasTensor vSqrt = Ops.add(
        Ops.sqrt(Ops.divide(v, Ops.subtract(one, powerAtStep(beta2)))), scalar(epsilon));
    KerasTensor update = Ops.divide(mHat, vSqrt);
    KerasTensor weightNorm = Ops.sqrt(Ops.sum(Ops.square(variable)));
    KerasTensor updateNorm = Ops.sqrt(Ops.sum(Ops.square(update)));
    KerasTensor zero = scalar(0);
    KerasTensor ratio = Ops.where(Ops.greater(weightNorm, zero),
        Ops.where(Ops.greater(updateNorm, zero), Ops.divide(weightNorm, updateNorm), one), one);
    variable.assignSub(Ops.multiply(Ops.multiply(ratio, learningRate), update));
  }
}
