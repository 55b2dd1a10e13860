package keras4j.optimizers;

import java.util.Map;
import keras4j.backend.GraphVariable;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

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
  static Operand<TFloat32> updateMoment(
      Ops tf, GraphVariable moment, Operand<TFloat32> value, float beta) {
    return tf.assignAdd(
        moment.ref(), tf.math.mul(tf.math.sub(value, moment.read()), tf.constant(1 - beta)));
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
