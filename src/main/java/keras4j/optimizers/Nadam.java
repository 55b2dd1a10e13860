package keras4j.optimizers;

import java.util.List;
import keras4j.core.KerasTensor;
import keras4j.core.Kwarg;
import keras4j.core.OptimizerArg;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Nadam, Adam with Nesterov momentum; Keras 3's defaults: learning rate 0.001, beta1 0.9, beta2
 * 0.999, epsilon 1e-7.
 *
 * <p>Keras's rule uses a momentum schedule {@code u_t = b1 * (1 - 0.5 * 0.96^t)} and its running
 * product {@code u_product}, a scalar of the optimizer advanced once per step before the
 * variables' updates: {@code m += (g - m) * (1 - b1); v += (g^2 - v) * (1 - b2); m_hat = u_{t+1} *
 * m / (1 - u_product * u_{t+1}) + (1 - u_t) * g / (1 - u_product); v_hat = v / (1 - b2^t); w -=
 * lr * m_hat / (sqrt(v_hat) + eps)}.
 */
public class Nadam extends AdaptiveMoments {
  private static final float DECAY = 0.96f;
  private Variable uProduct;

  /**
   * Nadam with Keras's keyword arguments: {@code learningRate}, {@code beta1}, {@code beta2},
   * {@code epsilon} and the options of every optimizer.
   *
   * @param args the keyword arguments; none for Keras's defaults
   */
  public Nadam(OptimizerArg... args) {
    super("nadam", "velocity", args);
  }

  /**
   * Nadam with the given learning rate.
   *
   * @param learningRate the learning rate
   * @param args more keyword arguments
   */
  public Nadam(double learningRate, OptimizerArg... args) {
    this(withArgs(args, new Kwarg("learning_rate", learningRate)));
  }

  /**
   * Nadam with every setting given.
   *
   * @param learningRate step size of each update, a positive number (Keras's {@code learning_rate})
   * @param beta1 the decay rate of the first-moment (mean) estimates, Keras's {@code beta_1},
   *     default 0.9
   * @param beta2 the decay rate of the second-moment estimates, Keras's {@code beta_2}, default
   *     0.999
   * @param epsilon small constant added to the denominator for numerical stability (Keras's {@code
   *     epsilon}, default 1e-7)
   */
  public Nadam(double learningRate, double beta1, double beta2, double epsilon) {
    this(settings(learningRate, beta1, beta2, epsilon));
  }

  /**
   * Keras's {@code from_config}, with Keras's defaults for what the config leaves out.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new optimizer configured as saved, with no state yet
   */
  public static Nadam fromConfig(ConfigReader config) {
    return new Nadam(configArgs(config));
  }

  /** Creates the moments, then {@code u_product}, as Keras does. */
  @Override
  public void build(List<Variable> variables) {
    super.build(variables);
    uProduct = addVariable("u_product", org.tensorflow.ndarray.Shape.scalar(), 1f);
  }

  /** Advances {@code u_product} once per step, before the variables' updates read it. */
  @Override
  protected void updateSteps(
      List<KerasTensor> gradients, List<Variable> variables, KerasTensor learningRate) {
    uProduct.assign(Ops.multiply(uProduct, momentumAt(step())));
    super.updateSteps(gradients, variables, learningRate);
  }

  @Override
  protected void updateStep(KerasTensor gradient, Variable variable, KerasTensor learningRate) {
    int i = variableIndex(variable);
    KerasTensor one = scalar(1);
    KerasTensor step = step();
    KerasTensor uT = momentumAt(step);
    KerasTensor uNext = momentumAt(Ops.add(step, one));
    // Read after updateSteps' assign: this step's u_product.
    KerasTensor productT = uProduct.value();
    KerasTensor productNext = Ops.multiply(productT, uNext);
    KerasTensor m = updateMoment(momentums.get(i), gradient, 1 - (float) beta1);
    KerasTensor v = updateMoment(seconds.get(i), Ops.square(gradient), 1 - (float) beta2);
    KerasTensor mHat = Ops.add(
        Ops.divide(Ops.multiply(uNext, m), Ops.subtract(one, productNext)),
        Ops.divide(Ops.multiply(Ops.subtract(one, uT), gradient), Ops.subtract(one, productT)));
    KerasTensor vHat = Ops.divide(v, Ops.subtract(one, powerAtStep(beta2)));
    KerasTensor denominator = Ops.add(Ops.sqrt(vHat), scalar(epsilon));
    variable.assignSub(Ops.divide(Ops.multiply(mHat, learningRate), denominator));
  }

  /** Keras's momentum schedule {@code b1 * (1 - 0.5 * 0.96^t)}. */
  private KerasTensor momentumAt(KerasTensor t) {
    KerasTensor decayed = Ops.multiply(Ops.power(scalar(DECAY), t), 0.5);
    return Ops.multiply(Ops.subtract(scalar(1), decayed), beta1);
  }
}
