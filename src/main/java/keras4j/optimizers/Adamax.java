package keras4j.optimizers;

import java.util.List;
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
public class Adamax extends AdaptiveMoments {
  /** Adamax with Keras's defaults. */
  public Adamax() {
    this(0.001);
  }

  /** Adamax with the given learning rate. */
  public Adamax(double learningRate) {
    this(learningRate, DEFAULT_BETA_1, DEFAULT_BETA_2, DEFAULT_EPSILON);
  }

  /** Adamax with every setting given. */
  public Adamax(double learningRate, double beta1, double beta2, double epsilon) {
    super("adamax", learningRate, beta1, beta2, epsilon);
  }

  @Override
  protected List<List<String>> slotOrder() {
    return List.of(List.of("momentum", "norm"));
  }

  @Override
  protected Op updateStep(Ops tf, ModelGraph graph, GraphVariable variable,
      Operand<TFloat32> gradient, Operand<TFloat32> learningRate, Operand<TFloat32> step) {
    GraphVariable m = slot(graph, variable, "momentum", 0f);
    GraphVariable u = slot(graph, variable, "norm", 0f);
    Operand<TFloat32> newM = updateMoment(tf, m, gradient, beta1);
    Operand<TFloat32> newU = tf.assign(u.ref(),
        tf.math.maximum(tf.math.mul(tf.constant(beta2), u.read()), tf.math.abs(gradient)));
    Operand<TFloat32> correction =
        tf.math.sub(tf.constant(1f), tf.math.pow(tf.constant(beta1), step));
    Operand<TFloat32> denominator =
        tf.math.mul(correction, tf.math.add(newU, tf.constant(epsilon)));
    return tf.assignSub(variable.ref(), tf.math.div(tf.math.mul(learningRate, newM), denominator));
  }
}
