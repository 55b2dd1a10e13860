package keras4j.backend;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras 3's activation functions by name, each written term for term as {@code
 * keras.src.backend.tensorflow.nn} computes it, with ops that have TensorFlow C++ gradients (the
 * graph gradients keras4j trains with). Keras 2's formulas differ for {@code hard_sigmoid}
 * (Keras 3: {@code relu6(x + 3) / 6}); TensorFlow Java's framework activations follow Keras 2, so
 * they are not used.
 */
public final class ActivationKernels {
  private static final float SQRT_HALF = (float) Math.sqrt(0.5);

  /** Keras 3's names (keras/src/activations/__init__.py), in its order, with the aliases. */
  private static final Map<String, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>>> BY_NAME =
      Map.ofEntries(
          Map.entry("relu", (tf, x) -> tf.nn.relu(x)),
          Map.entry("leaky_relu", (tf, x) -> tf.nn.leakyRelu(x, LeakyRelu.alpha(0.2f))),
          Map.entry("relu6", (tf, x) -> tf.nn.relu6(x)),
          Map.entry("softmax", (tf, x) -> tf.nn.softmax(x)),
          Map.entry("celu", (tf, x) -> tf.math.add(tf.math.maximum(x, c(tf, 0)),
              tf.math.expm1(tf.math.minimum(x, c(tf, 0))))),
          Map.entry("elu", (tf, x) -> tf.nn.elu(x)),
          Map.entry("selu", (tf, x) -> tf.nn.selu(x)),
          Map.entry("softplus", (tf, x) -> tf.math.softplus(x)),
          Map.entry("softsign", (tf, x) -> tf.nn.softsign(x)),
          Map.entry("squareplus", (tf, x) ->
              half(tf, tf.math.add(x, tf.math.sqrt(tf.math.add(tf.math.square(x), c(tf, 4)))))),
          Map.entry("soft_shrink", (tf, x) -> where(tf, tf.math.greater(x, c(tf, 0.5f)),
              tf.math.sub(x, c(tf, 0.5f)), where(tf, tf.math.less(x, c(tf, -0.5f)),
                  tf.math.add(x, c(tf, 0.5f)), zeros(tf, x)))),
          Map.entry("sparse_plus", (tf, x) -> where(tf, tf.math.lessEqual(x, c(tf, -1)),
              zeros(tf, x), where(tf, tf.math.less(x, c(tf, 1)),
                  tf.math.mul(c(tf, 0.25f), tf.math.square(tf.math.add(x, c(tf, 1)))), x))),
          Map.entry("silu", ActivationKernels::silu),
          Map.entry("gelu", (tf, x) -> half(tf, tf.math.mul(x,
              tf.math.add(c(tf, 1), tf.math.erf(tf.math.mul(x, c(tf, SQRT_HALF))))))),
          Map.entry("glu", ActivationKernels::glu),
          Map.entry("tanh", (tf, x) -> tf.math.tanh(x)),
          Map.entry("tanh_shrink", (tf, x) -> tf.math.sub(x, tf.math.tanh(x))),
          Map.entry("sigmoid", (tf, x) -> tf.math.sigmoid(x)),
          Map.entry("sparse_sigmoid", (tf, x) -> where(tf, tf.math.lessEqual(x, c(tf, -1)),
              zeros(tf, x), where(tf, tf.math.greaterEqual(x, c(tf, 1)), ones(tf, x),
                  half(tf, tf.math.add(x, c(tf, 1)))))),
          Map.entry("exponential", (tf, x) -> tf.math.exp(x)),
          Map.entry("hard_sigmoid", ActivationKernels::hardSigmoid),
          Map.entry("hard_silu", (tf, x) -> tf.math.mul(x, hardSigmoid(tf, x))),
          Map.entry("hard_tanh", (tf, x) -> tf.clipByValue(x, c(tf, -1), c(tf, 1))),
          Map.entry("hard_shrink", (tf, x) ->
              where(tf, tf.math.greater(tf.math.abs(x), c(tf, 0.5f)), x, zeros(tf, x))),
          Map.entry("linear", (tf, x) -> x),
          Map.entry("mish", (tf, x) -> tf.math.mul(x, tf.math.tanh(tf.math.softplus(x)))),
          Map.entry("log_softmax", (tf, x) -> tf.nn.logSoftmax(x)),
          Map.entry("log_sigmoid", (tf, x) -> tf.math.neg(tf.math.softplus(tf.math.neg(x)))),
          Map.entry("sparsemax", ActivationKernels::sparsemax));

  /** Keras's aliases: {@code get("swish")} is {@code silu}, saved as "silu". */
  private static final Map<String, String> ALIASES =
      Map.of("swish", "silu", "hard_swish", "hard_silu");

  /** The names {@link #apply} accepts, Keras's order, then the aliases. */
  public static final List<String> NAMES = List.of("relu", "leaky_relu", "relu6", "softmax",
      "celu", "elu", "selu", "softplus", "softsign", "squareplus", "soft_shrink", "sparse_plus",
      "silu", "gelu", "glu", "tanh", "tanh_shrink", "sigmoid", "sparse_sigmoid", "exponential",
      "hard_sigmoid", "hard_silu", "hard_tanh", "hard_shrink", "linear", "mish", "log_softmax",
      "log_sigmoid", "sparsemax", "swish", "hard_swish");

  private ActivationKernels() {}

  /** The name Keras saves for {@code name} ({@code "swish"} is saved as {@code "silu"}). */
  public static String canonical(String name) {
    return ALIASES.getOrDefault(name, name);
  }

  /** Whether {@code name} is one of {@link #NAMES}. */
  public static boolean has(String name) {
    return BY_NAME.containsKey(canonical(name));
  }

  /**
   * The activation {@code name} of {@code a}; softmax and sigmoid outputs keep their logits for
   * the crossentropy losses, as Keras's {@code _keras_logits}.
   */
  public static Tensor apply(String name, Tensor a) {
    String key = canonical(name);
    var f = BY_NAME.get(key);
    if (f == null) {
      throw new IllegalArgumentException("Unknown activation '" + name + "'. Valid names: "
          + NAMES);
    }
    if (key.equals("linear")) {
      return a;
    }
    DType dtype = a.dtype();
    if (dtype == DType.FLOAT16 || dtype == DType.BFLOAT16) {
      // A mixed precision layer's output: the activation in float32, rounded back to the compute
      // dtype (at least as accurate as Keras's, which computes it in that dtype). The logits stay
      // behind: the loss sees the rounded output, as Keras's does.
      Ops tf = a.graph().tf();
      Tensor up = new Tensor(a.graph(), tf.dtypes.cast(a.floating(), TFloat32.class));
      return new Tensor(a.graph(), tf.dtypes.cast(apply(name, up).operand(), dtype.type()));
    }
    Operand<TFloat32> out = f.apply(a.graph().tf(), a.operand());
    boolean keepsLogits = key.equals("softmax") || key.equals("sigmoid");
    return keepsLogits ? new Tensor(a.graph(), out, a.operand(), key) : new Tensor(a.graph(), out);
  }

  private static Operand<TFloat32> c(Ops tf, float value) {
    return tf.constant(value);
  }

  private static Operand<TFloat32> half(Ops tf, Operand<TFloat32> x) {
    return tf.math.mul(x, c(tf, 0.5f));
  }

  // Constants behind StopGradient: the C++ gradient registry has no ZerosLike/OnesLike.
  private static Operand<TFloat32> zeros(Ops tf, Operand<TFloat32> x) {
    return tf.stopGradient(tf.zerosLike(x));
  }

  private static Operand<TFloat32> ones(Ops tf, Operand<TFloat32> x) {
    return tf.stopGradient(tf.onesLike(x));
  }

  private static Operand<TFloat32> where(
      Ops tf, Operand<TBool> condition, Operand<TFloat32> yes, Operand<TFloat32> no) {
    return tf.select(condition, yes, no);
  }

  private static Operand<TFloat32> silu(Ops tf, Operand<TFloat32> x) {
    return tf.math.mul(x, tf.math.sigmoid(x));
  }

  /** Keras 3: {@code relu6(x + 3) / 6}. */
  private static Operand<TFloat32> hardSigmoid(Ops tf, Operand<TFloat32> x) {
    return tf.math.div(tf.nn.relu6(tf.math.add(x, c(tf, 3))), c(tf, 6));
  }

  /** {@code a * sigmoid(b)} of the two halves of the last axis, which must be even. */
  private static Operand<TFloat32> glu(Ops tf, Operand<TFloat32> x) {
    var shape = x.shape();
    long last = shape.get(shape.numDimensions() - 1);
    if (last < 0 || last % 2 != 0) {
      throw new IllegalArgumentException("glu needs an even, known last axis; got inputs of"
          + " shape " + shape);
    }
    var halves = tf.split(tf.constant(-1), x, 2L).output();
    return tf.math.mul(halves.get(0), tf.math.sigmoid(halves.get(1)));
  }

  /**
   * Keras's sparsemax over the last axis, {@code max(x - tau, 0)}. The support and so {@code k}
   * come from the sorted values (TopK, without a gradient, so behind StopGradient); {@code tau =
   * (sum of the support - 1) / k} is then taken over {@code x} itself, which gives sparsemax's
   * gradient.
   */
  private static Operand<TFloat32> sparsemax(Ops tf, Operand<TFloat32> x) {
    var shape = x.shape();
    int rank = shape.numDimensions();
    long n = shape.get(rank - 1);
    if (n < 0) {
      throw new IllegalArgumentException("sparsemax needs a known last axis; got inputs of shape "
          + shape);
    }
    Operand<TFloat32> fixed = tf.stopGradient(x);
    Operand<TFloat32> sorted = tf.nn.topK(fixed, tf.constant((int) n), new TopK.Options[0])
        .values();
    Operand<TFloat32> cumsum = tf.math.cumsum(sorted, tf.constant(-1));
    float[] ranks = new float[(int) n];
    for (int i = 0; i < n; i++) {
      ranks[i] = i + 1;
    }
    Operand<TFloat32> r = tf.constant(ranks);
    Operand<TFloat32> inSupport = tf.dtypes.cast(tf.math.greater(sorted,
        tf.math.div(tf.math.sub(cumsum, c(tf, 1)), r)), TFloat32.class);
    Operand<TInt32> last = tf.constant(new int[] {-1});
    Operand<TFloat32> k = tf.reduceSum(inSupport, last, org.tensorflow.op.core.ReduceSum
        .keepDims(true));
    Operand<TFloat32> fixedTau = tf.math.div(tf.math.sub(tf.reduceSum(tf.math.mul(cumsum,
        inSupport), last, org.tensorflow.op.core.ReduceSum.keepDims(true)), c(tf, 1)), k);
    // The same support in x's own order: the x_i above tau.
    Operand<TFloat32> mask = tf.stopGradient(tf.dtypes.cast(tf.math.greater(fixed, fixedTau),
        TFloat32.class));
    Operand<TFloat32> tau = tf.math.div(tf.math.sub(tf.reduceSum(tf.math.mul(x, mask), last,
        org.tensorflow.op.core.ReduceSum.keepDims(true)), c(tf, 1)), k);
    return tf.math.maximum(tf.math.sub(x, tau), c(tf, 0));
  }
}
