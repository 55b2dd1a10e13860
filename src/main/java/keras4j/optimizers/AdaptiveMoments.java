package keras4j.optimizers;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.ops.Ops;

/**
 * What Adam, Adamax and Nadam share: the decay rates {@code beta_1}, {@code beta_2} of their moment
 * estimates and {@code epsilon}, with Keras's defaults 0.9, 0.999 and 1e-7.
 */
abstract class AdaptiveMoments extends Optimizer {
  static final double DEFAULT_BETA_1 = 0.9;
  static final double DEFAULT_BETA_2 = 0.999;
  static final double DEFAULT_EPSILON = 1e-7;

  final float beta1;
  final float beta2;
  final float epsilon;

  AdaptiveMoments(String name, double learningRate, double beta1, double beta2, double epsilon) {
    super(name, learningRate);
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
    this.epsilon = (float) epsilon;
  }

  /**
   * Keras's moving average {@code moment += (value - moment) * (1 - beta)}; returns the updated
   * moment.
   */
  static KerasTensor updateMoment(Variable moment, KerasTensor value, float beta) {
    return moment.assignAdd(Ops.multiply(Ops.subtract(value, moment), 1 - beta));
  }

  /** {@code beta^t} for the 1-based step {@code t} of the update being built. */
  KerasTensor powerAtStep(float beta) {
    return Ops.power(scalar(beta), step());
  }

  /** The 1-based number of the update being built: Keras's {@code iterations + 1}. */
  KerasTensor step() {
    return Ops.add(iterationsVariable(), scalar(1));
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
