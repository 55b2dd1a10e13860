package keras4j.ops;

import java.util.ArrayList;
import java.util.Arrays;
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
import org.tensorflow.op.linalg.Svd;
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
      // The axes the vectors were given dropped again, both at once (-2, -1 of a (1, 1) product).
      List<Long> added = new ArrayList<>();
      if (ra == 1) {
        added.add(-2L);
      }
      if (rb == 1) {
        added.add(-1L);
      }
      if (!added.isEmpty()) {
        product = tf.squeeze(product, org.tensorflow.op.core.Squeeze.axis(added));
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
      String equation = subscripts.replace(" ", "");
      String[] inputs = equation.split("->", -1)[0].split(",", -1);
      if (inputs.length != parts.size()) {
        throw new IllegalArgumentException("ops.einsum: '" + subscripts + "' names "
            + inputs.length + " operands, got " + parts.size());
      }
      if (parts.size() <= 2) {
        return out(tf().linalg.einsum(parts, equation));
      }
      // TensorFlow's kernel takes one or two operands: contract the first two into what the rest
      // and the result still need, then that with the third, and so on, as tf.einsum does.
      String output = equation.contains("->") ? equation.split("->", -1)[1]
          : implicitOutput(inputs);
      Operand<TType> result = parts.get(0);
      String current = inputs[0];
      for (int k = 1; k < inputs.length; k++) {
        String next = k == inputs.length - 1 ? output
            : kept(current + inputs[k], output + String.join("", List.of(inputs).subList(k + 1,
                inputs.length)));
        result = tf().linalg.einsum(List.of(result, parts.get(k)),
            current + "," + inputs[k] + "->" + next);
        current = next;
      }
      return out(result);
    });
  }

  /** NumPy's output of an equation without "->": "...", then the letters used once, sorted. */
  private static String implicitOutput(String[] inputs) {
    String all = String.join("", inputs);
    StringBuilder out = new StringBuilder(all.contains("...") ? "..." : "");
    all.replace(".", "").chars().distinct().sorted()
        .filter(c -> all.chars().filter(d -> d == c).count() == 1)
        .forEach(c -> out.append((char) c));
    return out.toString();
  }

  /** The subscripts of {@code operands} (in order, once each) that {@code needed} uses. */
  private static String kept(String operands, String needed) {
    StringBuilder out = new StringBuilder(operands.contains("...") ? "..." : "");
    operands.replace(".", "").chars().distinct().filter(c -> needed.indexOf(c) >= 0)
        .forEach(c -> out.append((char) c));
    return out.toString();
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
   * {@code ops.norm(x)}: of a vector its 2-norm, of a matrix its Frobenius norm (Keras takes
   * every axis: a tensor of another rank needs {@code axis}).
   *
   * @param x the input, a vector or a matrix: a tensor, or a variable (read at its current value)
   * @return a float scalar
   * @throws IllegalArgumentException if x is not of rank 1 or 2
   */
  public static KerasTensor norm(TensorLike x) {
    return normOf(x, null, null, false);
  }

  /**
   * {@code ops.norm(x, ord, axis, keepdims)}: along one axis, the vector norm {@code (sum
   * |x|^ord)^(1/ord)} ({@code ord} infinity is the largest {@code |x|}, minus infinity the
   * smallest, 0 the count of non-zero values); {@code axis} null is every axis, so a matrix's
   * matrix norm (see {@link #norm(TensorLike, double, int[], boolean)}).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param ord the order
   * @param axis the axis of the vectors, or null for all of x's axes (x a vector or a matrix)
   * @param keepdims whether the reduced axis stays, of size 1
   * @return the norms, float
   */
  public static KerasTensor norm(TensorLike x, double ord, Integer axis, boolean keepdims) {
    return normOf(x, ord, axis == null ? null : new int[] {axis}, keepdims);
  }

  /**
   * {@code ops.norm(x, ord, axis=axes, keepdims)}: one axis, the vector norm; two, the matrix
   * norm of order {@code ord}: 1 the largest column sum of {@code |x|}, -1 the smallest, infinity
   * the largest row sum, minus infinity the smallest, 2 the largest singular value, -2 the
   * smallest.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param ord the order
   * @param axes one axis (vectors) or two (rows, columns of matrices); null for all of x's
   * @param keepdims whether the reduced axes stay, of size 1
   * @return the norms, float
   * @throws IllegalArgumentException if {@code axes} names neither one nor two axes, or {@code
   *     ord} is not a matrix norm's
   */
  public static KerasTensor norm(TensorLike x, double ord, int[] axes, boolean keepdims) {
    return normOf(x, ord, axes, keepdims);
  }

  /**
   * {@code ops.norm(x, ord="fro"|"nuc", axis=axes, keepdims)}: the Frobenius norm (square root
   * of the sum of squares) or the nuclear norm (sum of the singular values) of matrices.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param ord {@code "fro"} or {@code "nuc"}
   * @param axes the two axes (rows, columns) of the matrices; null for x a matrix
   * @param keepdims whether the reduced axes stay, of size 1
   * @return the norms, float
   * @throws IllegalArgumentException if {@code ord} is another string or {@code axes} do not name
   *     two axes
   */
  public static KerasTensor norm(TensorLike x, String ord, int[] axes, boolean keepdims) {
    if (!ord.equals("fro") && !ord.equals("nuc")) {
      throw new IllegalArgumentException("ops.norm: ord '" + ord + "' is not a norm; the named"
          + " orders are 'fro' and 'nuc' (matrices); give others as numbers");
    }
    return normOf(x, ord, axes, keepdims);
  }

  /** Keras's norm: {@code ord} null (the default), a Double or "fro"/"nuc". */
  private static KerasTensor normOf(TensorLike x, Object ord, int[] axes, boolean keepdims) {
    return op("norm", () -> {
      Tensor in = floating(t(x));
      int rank = rank(in, "norm");
      int[] at = axes(axes, rank, "norm");
      Operand<TNumber> v = any(in);
      if (at.length == 1) {
        if (ord instanceof String name) {
          throw new IllegalArgumentException("ops.norm: ord '" + name + "' is a matrix norm,"
              + " but axis " + Arrays.toString(axes) + " names one axis; give two axes");
        }
        return out(vectorNorm(v, ord == null ? 2 : (Double) ord, at[0], keepdims));
      }
      if (at.length != 2) {
        throw new IllegalArgumentException("ops.norm: " + (axes == null ? "x of shape "
            + Shapes.toKeras(in.value().shape()) + " has " + rank + " axes" : "axis "
            + Arrays.toString(axes) + " names " + at.length + " axes") + "; a norm is over one"
            + " axis (vectors) or two (matrices): give axis, or flatten x (ops.reshape(x, -1))");
      }
      return out(matrixNorm(v, ord == null ? "fro" : ord, at[0], at[1], keepdims));
    });
  }

  private static Operand<TNumber> vectorNorm(Operand<TNumber> v, double ord, int axis,
      boolean keepdims) {
    var tf = tf();
    Operand<TInt32> at = tf.constant(axis);
    Operand<TNumber> abs = tf.math.abs(v);
    if (ord == Double.POSITIVE_INFINITY) {
      return tf.reduceMax(abs, at, ReduceMax.keepDims(keepdims));
    } else if (ord == Double.NEGATIVE_INFINITY) {
      return tf.reduceMin(abs, at, ReduceMin.keepDims(keepdims));
    } else if (ord == 0) {
      Operand<TNumber> nonZero = tf.dtypes.cast(tf.math.notEqual(v, tf.zerosLike(v)), v.type());
      return tf.reduceSum(nonZero, at, ReduceSum.keepDims(keepdims));
    } else if (ord == 2) {
      return tf.math.sqrt(tf.reduceSum(tf.math.square(v), at, ReduceSum.keepDims(keepdims)));
    } else if (ord == 1) {
      return tf.reduceSum(abs, at, ReduceSum.keepDims(keepdims));
    }
    Operand<TNumber> p = tf.dtypes.cast(tf.constant(ord), v.type());
    Operand<TNumber> sum = tf.reduceSum(tf.math.pow(abs, p), at, ReduceSum.keepDims(keepdims));
    return tf.math.pow(sum, tf.math.reciprocal(p));
  }

  /** The norm of order {@code ord} of the matrices of rows {@code row}, columns {@code col}. */
  private static Operand<TNumber> matrixNorm(Operand<TNumber> v, Object ord, int row, int col,
      boolean keepdims) {
    var tf = tf();
    if (ord.equals("fro")) {
      return tf.math.sqrt(tf.reduceSum(tf.math.square(v), tf.constant(new int[] {row, col}),
          ReduceSum.keepDims(keepdims)));
    }
    if (ord.equals("nuc") || ord.equals(2.0) || ord.equals(-2.0)) {
      // The singular values of the matrices moved to the last two axes.
      int rank = v.shape().numDimensions();
      int[] perm = new int[rank];
      int j = 0;
      for (int i = 0; i < rank; i++) {
        if (i != row && i != col) {
          perm[j++] = i;
        }
      }
      perm[rank - 2] = row;
      perm[rank - 1] = col;
      Operand<TNumber> s = tf.linalg.svd(tf.linalg.transpose(v, tf.constant(perm)),
          Svd.computeUv(false)).s();
      Operand<TInt32> last = tf.constant(-1);
      Operand<TNumber> result = ord.equals("nuc") ? tf.reduceSum(s, last)
          : ord.equals(2.0) ? tf.reduceMax(s, last) : tf.reduceMin(s, last);
      if (keepdims) {
        result = tf.expandDims(tf.expandDims(result, tf.constant(Math.min(row, col))),
            tf.constant(Math.max(row, col)));
      }
      return result;
    }
    double order = ord instanceof Double d ? d : Double.NaN;
    boolean byColumn = order == 1 || order == -1;
    if (!byColumn && Math.abs(order) != Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("ops.norm: ord " + ord + " is not a matrix norm; use"
          + " 'fro', 'nuc', 1, -1, 2, -2, infinity or minus infinity");
    }
    // 1 / -1: the sums down each column (over the rows), then their max / min; infinity: the
    // sums along each row, then over the rows.
    int summed = byColumn ? row : col;
    int other = byColumn ? col : row;
    if (!keepdims && other > summed) {
      other--;
    }
    Operand<TNumber> sums = tf.reduceSum(tf.math.abs(v), tf.constant(summed),
        ReduceSum.keepDims(keepdims));
    return order > 0 ? tf.reduceMax(sums, tf.constant(other), ReduceMax.keepDims(keepdims))
        : tf.reduceMin(sums, tf.constant(other), ReduceMin.keepDims(keepdims));
  }
}
