package keras4j.ops;

import java.util.ArrayList;
import java.util.List;
import keras4j.backend.Tensor;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.core.TensorLike;
import org.tensorflow.Operand;

import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.op.core.ReduceMin;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;
import org.tensorflow.types.family.TType;

/**
 * Keras's products and norms: {@code matmul} (NumPy's, batched and broadcast), {@code dot},
 * {@code tensordot}, {@code einsum}, {@code outer}, {@code norm}.
 */
abstract class LinalgOps extends ReductionOps {
  LinalgOps() {}

  /**
   * {@code ops.matmul(x1, x2)}: NumPy's matrix product; leading axes are batches and broadcast,
   * a vector operand is a row (left) or a column (right) and its axis is dropped.
   *
   * @param x1 the left operand
   * @param x2 the right operand
   * @return {@code x1 @ x2}: for {@code (n, k)} and {@code (k, m)}, an {@code (n, m)} matrix
   * @throws IllegalArgumentException if the inner dimensions differ
   */
  public static KerasTensor matmul(Object x1, Object x2) {
    return op("matmul", () -> {
      Tensor[] ab = promoted("matmul", x1, x2);
      var tf = tf();
      Operand<TNumber> a = any(ab[0]);
      Operand<TNumber> b = any(ab[1]);
      int ra = rank(ab[0], "matmul");
      int rb = rank(ab[1], "matmul");
      if (ra == 0 || rb == 0) {
        throw new IllegalArgumentException("ops.matmul: scalars have no matrix product; use"
            + " ops.multiply");
      }
      long k1 = a.shape().get(ra - 1);
      long k2 = b.shape().get(rb == 1 ? 0 : rb - 2);
      if (k1 >= 0 && k2 >= 0 && k1 != k2) {
        throw new IllegalArgumentException("ops.matmul: shapes " + Shapes.toKeras(a.shape())
            + " and " + Shapes.toKeras(b.shape()) + " do not multiply: inner dimensions " + k1
            + " and " + k2 + " differ");
      }
      Operand<TNumber> left = ra == 1 ? tf.expandDims(a, tf.constant(0)) : a;
      Operand<TNumber> right = rb == 1 ? tf.expandDims(b, tf.constant(1)) : b;
      Operand<TNumber> product = ra <= 2 && rb <= 2
          ? tf.linalg.matMul(left, right, new MatMul.Options[0])
          : tf.train.batchMatMul(left, right, ab[0].dtype().<TNumber>typed());
      if (rb == 1) {
        product = tf.squeeze(product, org.tensorflow.op.core.Squeeze.axis(List.of(-1L)));
      }
      if (ra == 1) {
        product = tf.squeeze(product, org.tensorflow.op.core.Squeeze.axis(List.of(-2L)));
      }
      return out(product);
    });
  }

  /**
   * {@code ops.einsum(subscripts, *operands)}: Einstein summation, {@code "ij,jk->ik"}.
   *
   * @param subscripts the equation
   * @param operands the tensors it names, promoted to one dtype
   * @return the result
   */
  public static KerasTensor einsum(String subscripts, Object... operands) {
    return op("einsum", () -> {
      List<Operand<TType>> parts = new ArrayList<>();
      for (Tensor p : promoted("einsum", operands)) {
        parts.add(any(p));
      }
      return out(tf().linalg.einsum(parts, subscripts));
    });
  }

  /**
   * {@code ops.tensordot(x1, x2, axes=n)}: the last {@code n} axes of x1 summed with the first
   * {@code n} of x2.
   *
   * @param x1 the left operand
   * @param x2 the right operand
   * @param axes how many axes are contracted
   * @return the contraction
   */
  public static KerasTensor tensordot(TensorLike x1, TensorLike x2, int axes) {
    int r1 = ndim(x1);
    int[] a = new int[axes];
    int[] b = new int[axes];
    for (int i = 0; i < axes; i++) {
      a[i] = r1 - axes + i;
      b[i] = i;
    }
    return tensordot(x1, x2, a, b);
  }

  /**
   * {@code ops.tensordot(x1, x2, axes=(axes1, axes2))}: axis {@code axes1[i]} of x1 summed with
   * axis {@code axes2[i]} of x2; the result has x1's other axes, then x2's.
   *
   * @param x1 the left operand
   * @param x2 the right operand
   * @param axes1 the contracted axes of x1
   * @param axes2 the matching axes of x2, as many
   * @return the contraction
   * @throws IllegalArgumentException if the axes do not pair up or their sizes differ
   */
  public static KerasTensor tensordot(TensorLike x1, TensorLike x2, int[] axes1, int[] axes2) {
    int r1 = ndim(x1);
    int r2 = ndim(x2);
    if (axes1.length != axes2.length) {
      throw new IllegalArgumentException("ops.tensordot: " + axes1.length + " axes of x1 paired"
          + " with " + axes2.length + " of x2");
    }
    int[] a = axes(axes1, r1, "tensordot");
    int[] b = axes(axes2, r2, "tensordot");
    char[] left = new char[r1];
    char[] right = new char[r2];
    StringBuilder result = new StringBuilder();
    char next = 'a';
    for (int i = 0; i < r1; i++) {
      left[i] = next++;
    }
    for (int i = 0; i < r2; i++) {
      right[i] = next++;
    }
    for (int i = 0; i < a.length; i++) {
      long s1 = shape(x1).get(a[i]);
      long s2 = shape(x2).get(b[i]);
      if (s1 >= 0 && s2 >= 0 && s1 != s2) {
        throw new IllegalArgumentException("ops.tensordot: axis " + axes1[i] + " of x1 (size "
            + s1 + ") and axis " + axes2[i] + " of x2 (size " + s2 + ") differ");
      }
      right[b[i]] = left[a[i]];
    }
    for (int i = 0; i < r1; i++) {
      if (!contains(a, i)) {
        result.append(left[i]);
      }
    }
    for (int i = 0; i < r2; i++) {
      if (!contains(b, i)) {
        result.append(right[i]);
      }
    }
    return einsum(new String(left) + "," + new String(right) + "->" + result, x1, x2);
  }

  private static boolean contains(int[] values, int value) {
    for (int v : values) {
      if (v == value) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code ops.dot(x1, x2)}: NumPy's {@code dot}, the last axis of x1 with the second-to-last of
   * x2 (its only one if it is a vector); scalars multiply.
   *
   * @param x1 the left operand
   * @param x2 the right operand
   * @return the product
   */
  public static KerasTensor dot(TensorLike x1, TensorLike x2) {
    int r1 = ndim(x1);
    int r2 = ndim(x2);
    if (r1 == 0 || r2 == 0) {
      return multiply(x1, x2);
    }
    return tensordot(x1, x2, new int[] {r1 - 1}, new int[] {r2 == 1 ? 0 : r2 - 2});
  }

  /**
   * {@code ops.outer(x1, x2)}: {@code x1[i] * x2[j]}, both flattened.
   *
   * @param x1 the left operand
   * @param x2 the right operand
   * @return a matrix of {@code size(x1)} rows and {@code size(x2)} columns
   */
  public static KerasTensor outer(TensorLike x1, TensorLike x2) {
    return multiply(expandDims(reshape(x1, -1), 1), expandDims(reshape(x2, -1), 0));
  }

  /**
   * {@code ops.norm(x)}: the 2-norm of x flattened (a matrix's Frobenius norm).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return a float scalar
   */
  public static KerasTensor norm(TensorLike x) {
    return norm(x, 2, null, false);
  }

  /**
   * {@code ops.norm(x, ord, axis, keepdims)} of vectors: {@code (sum |x|^ord)^(1/ord)} along
   * {@code axis}; {@code ord} infinity is the largest {@code |x|}, minus infinity the smallest, 0
   * the count of non-zero values.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param ord the order
   * @param axis the axis of the vectors, or null for x flattened
   * @param keepdims whether the reduced axis stays, of size 1
   * @return the norms, float
   */
  public static KerasTensor norm(TensorLike x, double ord, Integer axis, boolean keepdims) {
    return op("norm", () -> {
      Tensor in = floating(t(x));
      int rank = rank(in, "norm");
      var tf = tf();
      Operand<TNumber> v = any(in);
      Operand<TInt32> at = tf.constant(axis == null ? axes(null, rank, "norm")
          : new int[] {axis(axis, rank, "norm")});
      Operand<TNumber> abs = tf.math.abs(v);
      Operand<TNumber> result;
      if (ord == Double.POSITIVE_INFINITY) {
        result = tf.reduceMax(abs, at, ReduceMax.keepDims(keepdims));
      } else if (ord == Double.NEGATIVE_INFINITY) {
        result = tf.reduceMin(abs, at, ReduceMin.keepDims(keepdims));
      } else if (ord == 0) {
        Operand<TNumber> nonZero = tf.dtypes.cast(
            tf.math.notEqual(v, tf.zerosLike(v)), in.dtype().<TNumber>typed());
        result = tf.reduceSum(nonZero, at, ReduceSum.keepDims(keepdims));
      } else if (ord == 2) {
        result = tf.math.sqrt(tf.reduceSum(tf.math.square(v), at, ReduceSum.keepDims(keepdims)));
      } else if (ord == 1) {
        result = tf.reduceSum(abs, at, ReduceSum.keepDims(keepdims));
      } else {
        Operand<TNumber> p = any(t(ord, in.dtype()));
        Operand<TNumber> sum = tf.reduceSum(tf.math.pow(abs, p), at, ReduceSum.keepDims(keepdims));
        result = tf.math.pow(sum, tf.math.reciprocal(p));
      }
      return out(result);
    });
  }

}
