package keras4j.backend;

import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.framework.activations.Activation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/** The maths behind {@link keras4j.core.KerasTensor}'s methods, as TensorFlow ops. */
public final class TensorMath {
  private static final Set<String> KEEPS_LOGITS = Set.of("softmax", "sigmoid");

  private TensorMath() {}

  private static Tensor result(Tensor like, Operand<TFloat32> out) {
    return new Tensor(like.graph(), out);
  }

  private static Ops tf(Tensor t) {
    return t.graph().tf();
  }

  public static Tensor matmul(Tensor a, Tensor b) {
    return result(a, tf(a).linalg.matMul(a.operand(), b.operand()));
  }

  public static Tensor add(Tensor a, Tensor b) {
    Shape as = a.operand().shape();
    Shape bs = b.operand().shape();
    // A vector along the last axis (a Dense bias) as BiasAdd: the same sums, but TensorFlow fuses
    // MatMul + BiasAdd (+ ReLU) into one kernel and BiasAddGrad is cheaper than the broadcast
    // gradient of Add.
    if (as.numDimensions() >= 2 && bs.numDimensions() == 1 && bs.get(0) >= 0
        && as.get(as.numDimensions() - 1) == bs.get(0)) {
      return result(a, tf(a).nn.biasAdd(a.operand(), b.operand()));
    }
    return result(a, tf(a).math.add(a.operand(), b.operand()));
  }

  public static Tensor sub(Tensor a, Tensor b) {
    return result(a, tf(a).math.sub(a.operand(), b.operand()));
  }

  public static Tensor mul(Tensor a, Tensor b) {
    return result(a, tf(a).math.mul(a.operand(), b.operand()));
  }

  public static Tensor div(Tensor a, Tensor b) {
    return result(a, tf(a).math.div(a.operand(), b.operand()));
  }

  public static Tensor scale(Tensor a, float factor) {
    return result(a, tf(a).math.mul(a.operand(), tf(a).constant(factor)));
  }

  public static Tensor abs(Tensor a) {
    return result(a, tf(a).math.abs(a.operand()));
  }

  public static Tensor square(Tensor a) {
    return result(a, tf(a).math.square(a.operand()));
  }

  /** {@code max(sqrt(a), floor)}: a standard deviation that never divides by zero. */
  public static Tensor sqrtAtLeast(Tensor a, float floor) {
    return result(a, tf(a).math.maximum(tf(a).math.sqrt(a.operand()), tf(a).constant(floor)));
  }

  public static Tensor reduceMean(Tensor a) {
    return result(a, tf(a).math.mean(a.operand(), allAxes(a)));
  }

  public static Tensor reduceSum(Tensor a) {
    return result(a, tf(a).reduceSum(a.operand(), allAxes(a)));
  }

  private static Operand<org.tensorflow.types.TInt32> allAxes(Tensor a) {
    Ops tf = tf(a);
    return tf.range(tf.constant(0), tf.rank(a.operand()), tf.constant(1));
  }

  /** Reshapes, keeping the batch dimension; {@code shape} excludes it. */
  public static Tensor reshapeBatch(Tensor a, Shape shape) {
    long[] dims = new long[shape.numDimensions() + 1];
    dims[0] = -1;
    System.arraycopy(shape.asArray(), 0, dims, 1, shape.numDimensions());
    return result(a, tf(a).reshape(a.operand(), tf(a).constant(dims)));
  }

  /** Applies a Keras activation by name through TensorFlow Java's framework activations. */
  public static Tensor activation(String name, Tensor a) {
    if (name.equals("linear")) {
      return a;
    }
    Operand<TFloat32> out = Activation.create(name).call(tf(a), a.operand());
    return KEEPS_LOGITS.contains(name)
        ? new Tensor(a.graph(), out, a.operand(), name)
        : new Tensor(a.graph(), out);
  }

  /** Inverted dropout: keeps each value with probability 1 - rate and scales it by 1/(1 - rate). */
  public static Tensor dropout(Tensor a, float rate, long seed) {
    Ops tf = tf(a);
    var shape = tf.shape(a.operand());
    // A stateful op: every run draws a new mask.
    var uniform =
        tf.random.randomUniform(
            shape, TFloat32.class, RandomUniform.seed(seed), RandomUniform.seed2(seed >>> 32));
    var keep = tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant(rate)), TFloat32.class);
    var scaled = tf.math.div(a.operand(), tf.constant(1f - rate));
    return result(a, tf.math.mul(scaled, keep));
  }
}
