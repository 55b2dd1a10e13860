package keras4j.optimizers;

import java.util.List;
import keras4j.core.Variable;
import keras4j.backend.CoreBridge;
import keras4j.backend.GraphVariable;
import keras4j.backend.ModelGraph;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

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
  private final Variable uProduct;

  /** Nadam with Keras's defaults. */
  public Nadam() {
    this(0.001);
  }

  /** Nadam with the given learning rate. */
  public Nadam(double learningRate) {
    this(learningRate, DEFAULT_BETA_1, DEFAULT_BETA_2, DEFAULT_EPSILON);
  }

  /** Nadam with every setting given. */
  public Nadam(double learningRate, double beta1, double beta2, double epsilon) {
    super("nadam", learningRate, beta1, beta2, epsilon);
    this.uProduct = addVariable("u_product", 1f);
  }

  @Override
  protected List<Op> beforeUpdates(Ops tf, ModelGraph graph, Operand<TFloat32> step) {
    GraphVariable product = graph.variable(CoreBridge.storage(uProduct));
    return List.of(tf.assign(product.ref(), tf.math.mul(product.read(), momentumAt(tf, step))));
  }

  @Override
  protected List<List<String>> slotOrder() {
    return List.of(List.of("momentum", "velocity"));
  }

  @Override
  protected Op updateStep(Ops tf, ModelGraph graph, GraphVariable variable,
      Operand<TFloat32> gradient, Operand<TFloat32> learningRate, Operand<TFloat32> step) {
    GraphVariable m = slot(graph, variable, "momentum", 0f);
    GraphVariable v = slot(graph, variable, "velocity", 0f);
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> uT = momentumAt(tf, step);
    Operand<TFloat32> uNext = momentumAt(tf, tf.math.add(step, one));
    // A fresh read made under tf's control dependencies sees this step's u_product.
    Operand<TFloat32> productT = tf.identity(graph.variable(CoreBridge.storage(uProduct)).ref());
    Operand<TFloat32> productNext = tf.math.mul(productT, uNext);
    Operand<TFloat32> newM = updateMoment(tf, m, gradient, beta1);
    Operand<TFloat32> newV = updateMoment(tf, v, tf.math.square(gradient), beta2);
    Operand<TFloat32> mHat = tf.math.add(
        tf.math.div(tf.math.mul(uNext, newM), tf.math.sub(one, productNext)),
        tf.math.div(tf.math.mul(tf.math.sub(one, uT), gradient), tf.math.sub(one, productT)));
    Operand<TFloat32> vHat =
        tf.math.div(newV, tf.math.sub(one, tf.math.pow(tf.constant(beta2), step)));
    Operand<TFloat32> denominator = tf.math.add(tf.math.sqrt(vHat), tf.constant(epsilon));
    return tf.assignSub(variable.ref(), tf.math.div(tf.math.mul(mHat, learningRate), denominator));
  }

  /** Keras's momentum schedule {@code b1 * (1 - 0.5 * 0.96^t)}. */
  private Operand<TFloat32> momentumAt(Ops tf, Operand<TFloat32> t) {
    Operand<TFloat32> decayed =
        tf.math.mul(tf.constant(0.5f), tf.math.pow(tf.constant(DECAY), t));
    return tf.math.mul(tf.constant(beta1), tf.math.sub(tf.constant(1f), decayed));
  }
}
