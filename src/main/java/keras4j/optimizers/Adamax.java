package keras4j.optimizers;

import java.util.Map;
import keras4j.backend.GraphVariable;
import keras4j.backend.ModelGraph;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adamax, Adam with the infinity norm; Keras 3's defaults: learning rate 0.001, beta1 0.9, beta2
 * 0.999, epsilon 1e-7. Keras's rule: {@code m += (g - m) * (1 - b1); u = max(b2 * u, |g|); w -= lr
 * * m / ((1 - b1^t) * (u + eps))}.
 */
public class Adamax extends Optimizer {
  private final float beta1;
  private final float beta2;
  private final float epsilon;

  /** Adamax with Keras's defaults. */
  public Adamax() {
    this(0.001);
  }

  /** Adamax with the given learning rate. */
  public Adamax(double learningRate) {
    this(learningRate, 0.9, 0.999, 1e-7);
  }

  /** Adamax with every setting given. */
  public Adamax(double learningRate, double beta1, double beta2, double epsilon) {
    super("adamax", learningRate);
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
    this.epsilon = (float) epsilon;
  }

  @Override
  protected Op updateStep(Ops tf, ModelGraph graph, GraphVariable variable,
      Operand<TFloat32> gradient, Operand<TFloat32> learningRate, Operand<TFloat32> step) {
    GraphVariable m = slot(graph, variable, "momentum", 0f);
    GraphVariable u = slot(graph, variable, "norm", 0f);
    Operand<TFloat32> newM = tf.assignAdd(m.ref(),
        tf.math.mul(tf.math.sub(gradient, m.read()), tf.constant(1 - beta1)));
    Operand<TFloat32> newU = tf.assign(u.ref(),
        tf.math.maximum(tf.math.mul(tf.constant(beta2), u.read()), tf.math.abs(gradient)));
    Operand<TFloat32> correction =
        tf.math.sub(tf.constant(1f), tf.math.pow(tf.constant(beta1), step));
    Operand<TFloat32> denominator =
        tf.math.mul(correction, tf.math.add(newU, tf.constant(epsilon)));
    return tf.assignSub(variable.ref(), tf.math.div(tf.math.mul(learningRate, newM), denominator));
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
