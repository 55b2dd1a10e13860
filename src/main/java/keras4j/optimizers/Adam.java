package keras4j.optimizers;

import java.util.List;
import keras4j.backend.GraphVariable;
import keras4j.backend.ModelGraph;
import keras4j.saving.ConfigReader;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adam, Keras 3's defaults: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7. The update
 * is TensorFlow's {@code ApplyAdam}, the same rule as Keras: {@code w -= lr * sqrt(1 - b2^t) / (1 -
 * b1^t) * m / (sqrt(v) + eps)}.
 */
public class Adam extends AdaptiveMoments {
  /** Adam with Keras's defaults. */
  public Adam() {
    this(0.001);
  }

  /** Adam with the given learning rate. */
  public Adam(double learningRate) {
    this(learningRate, DEFAULT_BETA_1, DEFAULT_BETA_2, DEFAULT_EPSILON);
  }

  /** Adam with every setting given. */
  public Adam(double learningRate, double beta1, double beta2, double epsilon) {
    super("adam", learningRate, beta1, beta2, epsilon);
  }

  /** Keras's {@code from_config}, with Keras's defaults for what the config leaves out. */
  public static Adam fromConfig(ConfigReader config) {
    return new Adam(Optimizer.learningRate(config, 0.001), config.doubleValue("beta_1", 0.9),
        config.doubleValue("beta_2", 0.999), config.doubleValue("epsilon", 1e-7));
  }

  @Override
  protected List<List<String>> slotOrder() {
    return List.of(List.of("m", "v"));
  }

  @Override
  protected Op updateStep(Ops tf, ModelGraph graph, GraphVariable variable,
      Operand<TFloat32> gradient, Operand<TFloat32> learningRate, Operand<TFloat32> step) {
    GraphVariable m = slot(graph, variable, "m", 0f);
    GraphVariable v = slot(graph, variable, "v", 0f);
    Operand<TFloat32> b1 = tf.constant(beta1);
    Operand<TFloat32> b2 = tf.constant(beta2);
    return tf.train.applyAdam(variable.ref(), m.ref(), v.ref(), tf.math.pow(b1, step),
        tf.math.pow(b2, step), learningRate, b1, b2, tf.constant(epsilon), gradient);
  }
}
