package keras4j.ops;

import keras4j.backend.DType;
import keras4j.backend.Tensor;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.core.TensorLike;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Keras's crossentropies of {@code keras.ops.nn}, per element or per distribution and not
 * averaged (the losses of {@code keras4j.losses} average them): {@code binary_crossentropy},
 * {@code categorical_crossentropy}, {@code sparse_categorical_crossentropy}. Probabilities are
 * clipped to {@code [1e-7, 1 - 1e-7]} (Keras's {@code epsilon()}); inside a traced function an
 * {@code output} computed by {@code sigmoid} or {@code softmax} is replaced by its logits, as
 * Keras does, for stability. Targets and outputs are float32 (sparse targets integers).
 */
abstract class CrossentropyOps extends NeuralOps {
  CrossentropyOps() {}

  /** Keras's {@code backend.epsilon()}. */
  private static final float EPSILON = 1e-7f;

  /**
   * {@code ops.binary_crossentropy(target, output, from_logits)}: {@code -(target * log(output) +
   * (1 - target) * log(1 - output))} element-wise.
   *
   * @param target the labels, in [0, 1], shaped like {@code output}
   * @param output the probabilities, or logits if {@code fromLogits}
   * @param fromLogits whether {@code output} holds logits
   * @return the crossentropy of each element, shaped like {@code output}
   * @throws IllegalArgumentException if the shapes differ
   */
  public static KerasTensor binaryCrossentropy(TensorLike target, TensorLike output,
      boolean fromLogits) {
    return op("binary_crossentropy", () -> {
      Tensor y = float32(target, "binary_crossentropy", "target");
      Tensor p = float32(output, "binary_crossentropy", "output");
      sameShape("binary_crossentropy", y, p, 0);
      var tf = tf();
      Operand<TFloat32> z = y.operand();
      Operand<TFloat32> logits = fromLogits ? p.operand() : p.logitsOf("sigmoid");
      if (logits != null) {
        // TensorFlow's sigmoid_cross_entropy_with_logits: max(x, 0) - x z + log(1 + exp(-|x|)).
        return out(tf.math.add(tf.math.sub(tf.math.maximum(logits, tf.constant(0f)),
            tf.math.mul(logits, z)), tf.math.log1p(tf.math.exp(tf.math.neg(
                tf.math.abs(logits))))));
      }
      Operand<TFloat32> clipped = clip(p.operand());
      Operand<TFloat32> one = tf.constant(1f);
      return out(tf.math.neg(tf.math.add(tf.math.mul(z, tf.math.log(clipped)),
          tf.math.mul(tf.math.sub(one, z), tf.math.log(tf.math.sub(one, clipped))))));
    });
  }

  /**
   * {@code ops.categorical_crossentropy(target, output, from_logits, axis)}: {@code -sum(target *
   * log(output))} along {@code axis}; probabilities are first divided by their sum there.
   *
   * @param target the one-hot (or soft) labels, shaped like {@code output}
   * @param output the probabilities (or unnormalised scores), or logits if {@code fromLogits}
   * @param fromLogits whether {@code output} holds logits
   * @param axis the axis of the classes (Keras's default -1)
   * @return the crossentropy of each distribution, {@code output}'s shape without {@code axis}
   * @throws IllegalArgumentException if the shapes differ or the axis is out of range
   */
  public static KerasTensor categoricalCrossentropy(TensorLike target, TensorLike output,
      boolean fromLogits, int axis) {
    return op("categorical_crossentropy", () -> {
      Tensor y = float32(target, "categorical_crossentropy", "target");
      Tensor p = float32(output, "categorical_crossentropy", "output");
      sameShape("categorical_crossentropy", y, p, 1);
      int at = axis(axis, rank(p, "categorical_crossentropy"), "categorical_crossentropy");
      var tf = tf();
      Operand<TFloat32> logits = fromLogits ? p.operand() : p.logitsOf("softmax");
      Operand<TFloat32> logProbabilities;
      if (logits != null) {
        // TensorFlow's log-softmax works on the last axis: the classes swapped there and back.
        int last = logits.shape().numDimensions() - 1;
        int[] perm = new int[last + 1];
        for (int i = 0; i <= last; i++) {
          perm[i] = i == at ? last : i == last ? at : i;
        }
        logProbabilities = tf.linalg.transpose(tf.nn.logSoftmax(
            tf.linalg.transpose(logits, tf.constant(perm))), tf.constant(perm));
      } else {
        Operand<TFloat32> probabilities = tf.math.div(p.operand(),
            tf.reduceSum(p.operand(), tf.constant(at), ReduceSum.keepDims(true)));
        logProbabilities = tf.math.log(clip(probabilities));
      }
      return out(tf.math.neg(tf.reduceSum(tf.math.mul(y.operand(), logProbabilities),
          tf.constant(at))));
    });
  }

  /**
   * {@code ops.sparse_categorical_crossentropy(target, output, from_logits, axis=-1)}: {@code
   * -log(output[target] / sum(output))} for each distribution of the last axis (of probabilities;
   * of logits, {@code -log_softmax(output)[target]}).
   *
   * @param target the class ids, integers, shaped like {@code output} without its last axis (or
   *     with a last axis of size 1)
   * @param output the probabilities, or logits if {@code fromLogits}
   * @param fromLogits whether {@code output} holds logits
   * @param axis the axis of the classes: the last (-1 or {@code rank - 1}), as Keras
   * @return the crossentropy of each distribution, shaped like {@code target}
   * @throws IllegalArgumentException if the axis is not the last, the target is not integers, the
   *     shapes do not match or a known class id is out of range
   */
  public static KerasTensor sparseCategoricalCrossentropy(TensorLike target, TensorLike output,
      boolean fromLogits, int axis) {
    String name = "sparse_categorical_crossentropy";
    return op(name, () -> {
      Tensor p = float32(output, name, "output");
      int rank = rank(p, name);
      if (rank < 1 || (axis != -1 && axis != rank - 1)) {
        throw new IllegalArgumentException("ops." + name + ": the classes must be on the last"
            + " axis (axis=-1), got axis " + axis + " for an output of shape "
            + Shapes.toKeras(p.value().shape()));
      }
      Tensor y = t(target);
      if (!y.dtype().isInteger()) {
        throw new IllegalArgumentException("ops." + name + ": target must hold integer class"
            + " ids, got " + y.dtype() + "; cast it first, Ops.cast(target, \"int32\")");
      }
      var tf = tf();
      Operand<TInt64> ids = tf.dtypes.cast(y.value(), TInt64.class);
      Shape ys = ids.shape();
      Shape ps = p.value().shape();
      if (ys.numDimensions() == rank && ys.get(rank - 1) == 1) {
        ids = tf.squeeze(ids, org.tensorflow.op.core.Squeeze.axis(java.util.List.of(-1L)));
        ys = ids.shape();
      }
      boolean fits = ys.numDimensions() == rank - 1;
      for (int d = 0; fits && d < rank - 1; d++) {
        fits = ys.get(d) < 0 || ps.get(d) < 0 || ys.get(d) == ps.get(d);
      }
      if (!fits) {
        throw new IllegalArgumentException("ops." + name + ": target of shape "
            + Shapes.toKeras(y.value().shape()) + " does not match output of shape "
            + Shapes.toKeras(ps) + " (target must be output's shape without its last axis)");
      }
      long classes = ps.get(rank - 1);
      if (classes >= 0) {
        knownIds(target).ifPresent(known -> known.scalars().forEach(id -> {
          long k = ((Number) id.getObject()).longValue();
          if (k < 0 || k >= classes) {
            throw new IllegalArgumentException("ops." + name + ": target holds class id " + k
                + ", outside [0, " + classes + ") for an output of shape " + Shapes.toKeras(ps));
          }
        }));
      }
      Operand<TFloat32> logits = fromLogits ? p.operand() : p.logitsOf("softmax");
      // Probabilities become logits log(p), which the softmax renormalises, as Keras's.
      Operand<TFloat32> logProbabilities = tf.nn.logSoftmax(logits != null ? logits
          : tf.math.log(clip(p.operand())));
      // One-hot labels rather than the sparse kernel, whose gradient TensorFlow has only in Python.
      Operand<TFloat32> oneHot = tf.oneHot(ids, tf.constant((int) Math.max(ps.get(rank - 1), 0)),
          tf.constant(1f), tf.constant(0f));
      return out(tf.math.neg(tf.reduceSum(tf.math.mul(oneHot, logProbabilities),
          tf.constant(-1))));
    });
  }

  /**
   * The values of {@code target} if they are known now (an eager tensor): class ids out of range
   * are then refused, where TensorFlow's one-hot would silently give them no loss.
   */
  private static java.util.Optional<NdArray<?>> knownIds(TensorLike target) {
    return target instanceof KerasTensor k && k.isEager() ? java.util.Optional.of(k.value())
        : java.util.Optional.empty();
  }

  private static Operand<TFloat32> clip(Operand<TFloat32> p) {
    return tf().clipByValue(p, tf().constant(EPSILON), tf().constant(1f - EPSILON));
  }

  /** {@code x} as a float32 tensor of op {@code op}'s argument {@code what}. */
  private static Tensor float32(TensorLike x, String op, String what) {
    Tensor in = t(x);
    if (in.dtype() != DType.FLOAT32) {
      throw new IllegalArgumentException("ops." + op + ": " + what + " must be float32, got "
          + in.dtype() + " (shape " + Shapes.toKeras(in.value().shape()) + "); cast it first,"
          + " Ops.cast(" + what + ", \"float32\")");
    }
    return in;
  }

  /** Keras's checks: same rank (at least {@code minRank}) and the same known dimensions. */
  private static void sameShape(String op, Tensor target, Tensor output, int minRank) {
    Shape a = target.value().shape();
    Shape b = output.value().shape();
    boolean same = a.numDimensions() == b.numDimensions() && a.numDimensions() >= minRank;
    for (int d = 0; same && d < a.numDimensions(); d++) {
      same = a.get(d) < 0 || b.get(d) < 0 || a.get(d) == b.get(d);
    }
    if (!same) {
      throw new IllegalArgumentException("ops." + op + ": target and output must have the same"
          + " shape" + (minRank > 0 ? " (of rank " + minRank + " or more)" : "") + ", got target "
          + Shapes.toKeras(a) + " and output " + Shapes.toKeras(b));
    }
  }
}
