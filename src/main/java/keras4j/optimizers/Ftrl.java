package keras4j.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.Kwarg;
import keras4j.core.OptimizerArg;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * FTRL-proximal, Keras 3's {@code Ftrl}; defaults: learning rate 0.001, learning rate power
 * -0.5, initial accumulator value 0.1, the L1, L2 and L2-shrinkage strengths and beta 0.
 * Keras's rule, with {@code p = -learning_rate_power} and {@code l2 = l2_strength + beta / (2 *
 * lr)}: {@code n' = n + g^2; z += g + 2 * l2_shrinkage * w - (n'^p - n^p) / lr * w; w =
 * (clip(z, -l1, l1) - z) / (n'^p / lr + 2 * l2); n = n'}.
 */
public class Ftrl extends Optimizer {
  private final float learningRatePower;
  private final float initialAccumulatorValue;
  private final float l1;
  private final float l2;
  private final float l2Shrinkage;
  private final float beta;
  private List<Variable> accumulators;
  private List<Variable> linears;

  /**
   * Ftrl with Keras's keyword arguments: {@code learningRate}, {@code learningRatePower}, {@code
   * initialAccumulatorValue}, {@code l1RegularizationStrength}, {@code
   * l2RegularizationStrength}, {@code l2ShrinkageRegularizationStrength}, {@code beta} and the
   * options of every optimizer.
   *
   * @param args the keyword arguments; none for Keras's defaults
   * @throws IllegalArgumentException for a negative accumulator value or strength, or a positive
   *     learning rate power
   */
  public Ftrl(OptimizerArg... args) {
    super("ftrl", 0.001, args, "learning_rate_power", "initial_accumulator_value",
        "l1_regularization_strength", "l2_regularization_strength",
        "l2_shrinkage_regularization_strength", "beta");
    this.learningRatePower = (float) doubleArg("learning_rate_power", -0.5);
    if (learningRatePower > 0) {
      throw new IllegalArgumentException("learning_rate_power needs to be negative or zero."
          + " Received: learning_rate_power=" + learningRatePower);
    }
    this.initialAccumulatorValue = nonNegative("initial_accumulator_value", 0.1);
    this.l1 = nonNegative("l1_regularization_strength", 0);
    this.l2 = nonNegative("l2_regularization_strength", 0);
    this.l2Shrinkage = nonNegative("l2_shrinkage_regularization_strength", 0);
    this.beta = (float) doubleArg("beta", 0);
  }

  /**
   * Ftrl with the given learning rate.
   *
   * @param learningRate the learning rate
   * @param args more keyword arguments
   */
  public Ftrl(double learningRate, OptimizerArg... args) {
    this(withArgs(args, new Kwarg("learning_rate", learningRate)));
  }

  private float nonNegative(String key, double fallback) {
    double value = doubleArg(key, fallback);
    if (value < 0) {
      throw new IllegalArgumentException(
          key + " needs to be positive or zero. Received: " + key + "=" + value);
    }
    return (float) value;
  }

  /**
   * Keras's {@code from_config}, with Keras's defaults for what the config leaves out.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new optimizer configured as saved, with no state yet
   */
  public static Ftrl fromConfig(ConfigReader config) {
    return new Ftrl(configArgs(config));
  }

  /** Creates an accumulator and a linear term for each variable in turn, as Keras does. */
  @Override
  public void build(List<Variable> variables) {
    super.build(variables);
    accumulators = new ArrayList<>();
    linears = new ArrayList<>();
    for (Variable v : variables) {
      accumulators.add(addVariableFromReference(v, "accumulator", initialAccumulatorValue));
      linears.add(addVariableFromReference(v, "linear"));
    }
  }

  @Override
  protected void updateStep(KerasTensor gradient, Variable variable, KerasTensor learningRate) {
    int i = variableIndex(variable);
    Variable accumulator = accumulators.get(i);
    Variable linear = linears.get(i);
    KerasTensor l2Total = Ops.add(scalar(l2),
        Ops.divide(scalar(beta), Ops.multiply(learningRate, 2.0)));
    KerasTensor gradientToUse = Ops.add(gradient, Ops.multiply(variable, 2 * l2Shrinkage));
    KerasTensor newAccumulator = Ops.add(accumulator, Ops.square(gradient));
    KerasTensor powerChange = Ops.subtract(Ops.power(newAccumulator, -learningRatePower),
        Ops.power(accumulator, -learningRatePower));
    KerasTensor newLinear = linear.assignAdd(Ops.subtract(gradientToUse,
        Ops.multiply(Ops.divide(powerChange, learningRate), variable)));
    KerasTensor quadratic = Ops.add(
        Ops.divide(Ops.power(newAccumulator, -learningRatePower), learningRate),
        Ops.multiply(l2Total, 2.0));
    KerasTensor clipped = Ops.clip(newLinear, -l1, l1);
    variable.assign(Ops.divide(Ops.subtract(clipped, newLinear), quadratic));
    accumulator.assign(newAccumulator);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("learning_rate_power", learningRatePower);
    config.put("initial_accumulator_value", initialAccumulatorValue);
    config.put("l1_regularization_strength", l1);
    config.put("l2_regularization_strength", l2);
    config.put("l2_shrinkage_regularization_strength", l2Shrinkage);
    config.put("beta", beta);
    return config;
  }
}
