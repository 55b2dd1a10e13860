package keras4j.optimizers;

import java.util.Map;
import keras4j.backend.GraphVariable;
import keras4j.backend.ModelGraph;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adam, Keras 3's defaults: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7. The update
 * is TensorFlow's {@code ApplyAdam}, the same rule as Keras: {@code w -= lr * sqrt(1 - b2^t) / (1 -
 * b1^t) * m / (sqrt(v) + eps)}.
 */
public class Adam extends Optimizer {
  private final float beta1;
  private final float beta2;
  private final float epsilon;

  /** Adam with Keras's defaults. */
  public Adam() {
    this(0.001);
  }

  /** Adam with the given learning rate. */
  public Adam(double learningRate) {
    this(learningRate, 0.9, 0.999, 1e-7);
  }

  /** Adam with every setting given. */
  public Adam(double learningRate, double beta1, double beta2, double epsilon) {
    super("adam", learningRate);
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
    this.epsilon = (float) epsilon;
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

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("beta_1", beta1);
    config.put("beta_2", beta2);
    config.put("epsilon", epsilon);
    return config;
  }
}
