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
 * Adam, Keras 3's defaults: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7, amsgrad
 * off. The rule: {@code m += (g - m) * (1 - b1); v += (g^2 - v) * (1 - b2); w -= lr * sqrt(1 -
 * b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)}; with {@code amsgrad}, {@code v} in the last step
 * is the running maximum {@code v_hat = max(v_hat, v)}.
 */
public class Adam extends AdaptiveMoments {
  private final boolean amsgrad;
  private final double fusedRateScale;
  private List<Variable> velocityHats;

  /**
   * Adam with Keras's keyword arguments: {@code learningRate}, {@code beta1}, {@code beta2},
   * {@code epsilon}, {@code amsgrad} and the options of every optimizer ({@code clipnorm}, {@code
   * weightDecay}, ...).
   *
   * @param args the keyword arguments; none for Keras's defaults
   */
  public Adam(OptimizerArg... args) {
    this("adam", args);
  }

  /**
   * Adam with the given learning rate.
   *
   * @param learningRate the learning rate
   * @param args more keyword arguments
   */
  public Adam(double learningRate, OptimizerArg... args) {
    this(withArgs(args, new Kwarg("learning_rate", learningRate)));
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
    this(settings(learningRate, beta1, beta2, epsilon));
  }

  /** A subclass's Adam (AdamW), called {@code name}. */
  Adam(String name, OptimizerArg[] args) {
    super(name, "velocity", args, "amsgrad");
    this.amsgrad = booleanArg("amsgrad", false);
    this.fusedRateScale = fusedRateScale(beta1, beta2);
  }

  /**
   * Keras's {@code from_config}, with Keras's defaults for what the config leaves out.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new optimizer configured as saved, with no state yet
   */
  public static Adam fromConfig(ConfigReader config) {
    return new Adam(configArgs(config));
  }

  /** Creates the moments, then with amsgrad each variable's {@code velocity_hat}, as Keras. */
  @Override
  public void build(List<Variable> variables) {
    super.build(variables);
    if (amsgrad) {
      velocityHats = addOptimizerVariables(variables, "velocity_hat").get(0);
    }
  }

  /**
   * Keras's Adam rule; without amsgrad as TensorFlow's fused {@code ApplyAdam} kernel, one op per
   * variable in place of a dozen.
   */
  @Override
  protected void updateStep(KerasTensor gradient, Variable variable, KerasTensor learningRate) {
    int i = variableIndex(variable);
    if (!amsgrad) {
      FusedKernels.applyAdam(variable, momentums.get(i), seconds.get(i), powerAtStep(beta1),
          powerAtStep(beta2), Ops.multiply(learningRate, fusedRateScale), (float) beta1,
          (float) beta2, (float) epsilon, gradient);
      return;
    }
    KerasTensor one = scalar(1);
    KerasTensor alpha = Ops.divide(
        Ops.multiply(learningRate, Ops.sqrt(Ops.subtract(one, powerAtStep(beta2)))),
        Ops.subtract(one, powerAtStep(beta1)));
    KerasTensor m = updateMoment(momentums.get(i), gradient, 1 - beta1);
    KerasTensor v = updateMoment(seconds.get(i), Ops.square(gradient), 1 - beta2);
    Variable vHat = velocityHats.get(i);
    KerasTensor maxV = vHat.assign(Ops.maximum(vHat, v));
    variable.assignSub(
        Ops.divide(Ops.multiply(m, alpha), Ops.add(Ops.sqrt(maxV), scalar(epsilon))));
  }

  /**
   * The learning-rate factor that makes {@code ApplyAdam} take Keras's step. The kernel decays
   * the moments by {@code 1 - float32(beta)}, where Keras multiplies by {@code float32(1 -
   * beta)}: for beta2 = 0.999 the two differ by 1.3e-5, and six steps grow that past 1e-4 on
   * some weights. The kernel's moments are Keras's times {@code r1} and {@code r2} (the ratios
   * of the two factors), so {@code sqrt(r2) / r1} times the rate gives Keras's {@code m /
   * sqrt(v)}.
   */
  private static double fusedRateScale(double beta1, double beta2) {
    return Math.sqrt(factorRatio(beta2)) / factorRatio(beta1);
  }

  private static double factorRatio(double beta) {
    return (double) (1f - (float) beta) / (float) (1 - beta);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("amsgrad", amsgrad);
    return config;
  }
}
