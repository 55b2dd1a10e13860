package keras4j.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The TensorFlow ops behind every keras4j op ({@code keras4j.ops.Ops}, the core tensor's methods,
 * {@code TF.*}): one implementation of each, on graph {@link Tensor}s (convolution and pooling
 * are in {@link Convolutions}).
 */
public final class Kernels {
  private Kernels() {}

  private static Tensor result(Tensor like, Operand<TFloat32> out) {
    return new Tensor(like.graph(), out);
  }

  private static Ops tf(Tensor t) {
    return t.graph().tf();
  }

  /** Applies {@code f} (built with TF's ops) to {@code a}. */
  public static Tensor unary(Tensor a, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> f) {
    return result(a, f.apply(tf(a), a.operand()));
  }

  /** Applies {@code f} (built with TF's ops) to {@code a} and {@code b}. */
  public static Tensor binary(Tensor a, Tensor b,
      TriFunction<Ops, Operand<TFloat32>, Operand<TFloat32>, Operand<TFloat32>> f) {
    return result(a, f.apply(tf(a), a.operand(), b.operand()));
  }

  /** A function of three arguments. */
  @FunctionalInterface
  public interface TriFunction<A, B, C, R> {
    /** Applies the function. */
    R apply(A a, B b, C c);
  }

  /** The matrix product. */
  public static Tensor matmul(Tensor a, Tensor b) {
    Operand<TFloat32> x = a.floating();
    Operand<TFloat32> y = sameFloat(a, b, "matmul");
    Ops tf = tf(a);
    int rank = x.shape().numDimensions();
    if (rank <= 2 || y.shape().numDimensions() != 2) {
      return result(a, tf.linalg.matMul(x, y));
    }
    // (..., k) @ (k, n) as NumPy does: the leading axes folded into rows, then unfolded.
    long k = y.shape().get(0);
    Operand<TInt32> lead = tf.stridedSlice(tf.shape(x), Indices.sliceTo(-1));
    Operand<TInt32> outShape = tf.concat(List.of(lead,
        tf.slice(tf.shape(y), tf.constant(new int[] {1}), tf.constant(new int[] {1}))),
        tf.constant(0));
    Operand<TFloat32> rows = tf.reshape(x, tf.constant(new long[] {-1, k}));
    return result(a, tf.reshape(tf.linalg.matMul(rows, y), outShape));
  }

  /** The element-wise sum, with broadcasting. */
  public static Tensor add(Tensor a, Tensor b) {
    Operand<TFloat32> x = a.floating();
    Operand<TFloat32> y = sameFloat(a, b, "add");
    Shape as = x.shape();
    Shape bs = y.shape();
    // A vector along the last axis (a Dense bias) as BiasAdd: the same sums, but TensorFlow fuses
    // MatMul + BiasAdd (+ ReLU) into one kernel and BiasAddGrad is cheaper than the broadcast
    // gradient of Add.
    if (as.numDimensions() >= 2 && bs.numDimensions() == 1 && bs.get(0) >= 0
        && as.get(as.numDimensions() - 1) == bs.get(0)) {
      return result(a, tf(a).nn.biasAdd(x, y));
    }
    return result(a, tf(a).math.add(x, y));
  }

  /** {@code b} as {@link Tensor#floating}, which must have {@code a}'s dtype. */
  private static Operand<TFloat32> sameFloat(Tensor a, Tensor b, String op) {
    if (a.dtype() == DType.FLOAT32) {
      return b.operand();
    }
    if (b.dtype() != a.dtype()) {
      throw new IllegalArgumentException(op + " of a " + a.dtype() + " and a " + b.dtype()
          + " tensor: cast one to the other's dtype first");
    }
    return b.floating();
  }

  /** The sum of all elements. */
  public static Tensor sum(Tensor a) {
    return result(a, tf(a).reduceSum(a.operand(), allAxes(a)));
  }

  /** The mean of all elements. */
  public static Tensor mean(Tensor a) {
    return result(a, tf(a).math.mean(a.operand(), allAxes(a)));
  }

  private static Operand<TInt32> allAxes(Tensor a) {
    Ops tf = tf(a);
    return tf.range(tf.constant(0), tf.rank(a.operand()), tf.constant(1));
  }

  /** A float32 constant of the graph of {@code like}. */
  public static Tensor constant(Tensor like, float value) {
    return result(like, tf(like).constant(value));
  }

  /** Reshapes, keeping the batch dimension; {@code shape} excludes it. */
  public static Tensor reshapeBatch(Tensor a, Shape shape) {
    long[] dims = new long[shape.numDimensions() + 1];
    dims[0] = -1;
    System.arraycopy(shape.asArray(), 0, dims, 1, shape.numDimensions());
    return result(a, tf(a).reshape(a.operand(), tf(a).constant(dims)));
  }

  /** The dimensions reversed (a matrix transposed). */
  public static Tensor transpose(Tensor a) {
    Ops tf = tf(a);
    var rank = tf.rank(a.operand());
    var reversed = tf.math.sub(tf.math.sub(rank, tf.constant(1)),
        tf.range(tf.constant(0), rank, tf.constant(1)));
    return result(a, tf.linalg.transpose(a.operand(), reversed));
  }

  /** The tensors joined along {@code axis}. */
  public static Tensor concatenate(List<Tensor> values, int axis) {
    Tensor first = values.get(0);
    List<Operand<TFloat32>> operands = new ArrayList<>();
    values.forEach(t -> operands.add(t.operand()));
    return result(first, tf(first).concat(operands, tf(first).constant(axis)));
  }

  /** Applies a Keras activation by name (see {@link ActivationKernels}). */
  public static Tensor activation(String name, Tensor a) {
    return ActivationKernels.apply(name, a);
  }

  /**
   * Inverted dropout: keeps each value with probability 1 - rate and scales it by 1/(1 - rate).
   * With a {@code noiseShape} (null: {@code a}'s shape) one draw covers the axes where it is 1
   * (Keras's {@code noise_shape}); its -1 entries take {@code a}'s dimension.
   */
  public static Tensor dropout(Tensor a, float rate, long seed, long[] noiseShape) {
    Ops tf = tf(a);
    Operand<TInt32> shape = tf.shape(a.operand());
    if (noiseShape != null) {
      // shape * unknown + known: a's dimension where the noise shape leaves it open.
      int[] unknown = new int[noiseShape.length];
      int[] known = new int[noiseShape.length];
      for (int i = 0; i < noiseShape.length; i++) {
        unknown[i] = noiseShape[i] < 0 ? 1 : 0;
        known[i] = noiseShape[i] < 0 ? 0 : Math.toIntExact(noiseShape[i]);
      }
      shape = tf.math.add(tf.math.mul(shape, tf.constant(unknown)), tf.constant(known));
    }
    // A stateful op: every run draws a new mask.
    var uniform =
        tf.random.randomUniform(
            shape, TFloat32.class, RandomUniform.seed(seed), RandomUniform.seed2(seed >>> 32));
    var keep = tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant(rate)), TFloat32.class);
    var scaled = tf.math.div(a.operand(), tf.constant(1f - rate));
    return result(a, tf.math.mul(scaled, keep));
  }

  /** Standard normal values of {@code shape}, new ones on every run. */
  public static Operand<TFloat32> standardNormal(Ops tf, long[] shape, long seed) {
    return tf.random.randomStandardNormal(tf.constant(shape), TFloat32.class,
        RandomStandardNormal.seed(seed), RandomStandardNormal.seed2(seed >>> 32));
  }

  /** Uniform values in [0, 1) of {@code shape}, new ones on every run. */
  public static Operand<TFloat32> uniform(Ops tf, long[] shape, long seed) {
    return tf.random.randomUniform(tf.constant(shape), TFloat32.class,
        RandomUniform.seed(seed), RandomUniform.seed2(seed >>> 32));
  }

  /**
   * Keras's {@code relu(x, negative_slope, max_value, threshold)}, term for term as {@code
   * keras.src.activations.ReLU.static_call}; {@code maxValue} null means no ceiling.
   */
  public static Tensor relu(Tensor x, float negativeSlope, Float maxValue, float threshold) {
    Ops tf = tf(x);
    Operand<TFloat32> in = x.operand();
    if (negativeSlope != 0 && maxValue == null && threshold == 0) {
      return result(x, tf.nn.leakyRelu(in, LeakyRelu.alpha(negativeSlope)));
    }
    Operand<TFloat32> out;
    if (threshold != 0) {
      // The mask is a constant for differentiation: d/dx (x * [x > t]) = [x > t].
      Operand<TFloat32> above = tf.stopGradient(
          tf.dtypes.cast(tf.math.greater(in, tf.constant(threshold)), TFloat32.class));
      out = tf.math.mul(in, above);
    } else {
      out = tf.nn.relu(in);
    }
    if (maxValue != null) {
      out = tf.math.minimum(tf.math.maximum(out, tf.constant(0f)), tf.constant(maxValue));
    }
    if (negativeSlope != 0) {
      Operand<TFloat32> below = tf.nn.relu(tf.math.sub(tf.constant(threshold), in));
      out = tf.math.sub(out, tf.math.mul(tf.constant(negativeSlope), below));
    }
    return result(x, out);
  }

  /** The mean and (biased) variance over every axis but the last: {@code {mean, variance}}. */
  public static Tensor[] momentsOverBatch(Tensor x) {
    Ops tf = tf(x);
    int rank = x.operand().shape().numDimensions();
    int[] reduce = new int[rank - 1];
    for (int i = 0; i < rank - 1; i++) {
      reduce[i] = i;
    }
    Operand<TInt32> axes = tf.constant(reduce);
    Operand<TFloat32> mean = tf.math.mean(x.operand(), axes);
    Operand<TFloat32> variance = tf.math.mean(tf.math.squaredDifference(x.operand(), mean), axes);
    return new Tensor[] {result(x, mean), result(x, variance)};
  }

  /**
   * Keras's {@code ops.batch_normalization}: {@code (x - mean) * rsqrt(variance + epsilon) * scale
   * + offset}; {@code scale} and {@code offset} may be null.
   */
  public static Tensor batchNormalization(Tensor x, Tensor mean, Tensor variance, Tensor offset,
      Tensor scale, float epsilon) {
    Ops tf = tf(x);
    Operand<TFloat32> inv =
        tf.math.rsqrt(tf.math.add(variance.operand(), tf.constant(epsilon)));
    if (scale != null) {
      inv = tf.math.mul(inv, scale.operand());
    }
    Operand<TFloat32> out = tf.math.mul(tf.math.sub(x.operand(), mean.operand()), inv);
    if (offset != null) {
      out = tf.math.add(out, offset.operand());
    }
    return result(x, out);
  }
}
