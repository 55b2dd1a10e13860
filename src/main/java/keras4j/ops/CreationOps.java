package keras4j.ops;

import keras4j.backend.DType;
import keras4j.backend.Tensor;
import keras4j.core.KerasTensor;
import keras4j.core.TensorLike;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/** Keras's {@code keras.ops} that create tensors: ranges, filled tensors, identity matrices. */
abstract class CreationOps extends CoreOps {
  CreationOps() {}

  /**
   * {@code ops.arange(stop)}: {@code 0, 1, ..., stop - 1}, int32.
   *
   * @param stop the end, excluded
   * @return a vector
   */
  public static KerasTensor arange(long stop) {
    return arange(0, stop, 1);
  }

  /**
   * {@code ops.arange(start, stop, step)} of integers, int32 (Keras's dtype for Python ints).
   *
   * @param start the first value
   * @param stop the end, excluded
   * @param step the difference between neighbours, not 0
   * @return a vector of {@code ceil((stop - start) / step)} values (none if that is negative)
   */
  public static KerasTensor arange(long start, long stop, long step) {
    return arange(start, stop, step, "int32");
  }

  /**
   * {@code ops.arange(start, stop, step)} of floats, float32.
   *
   * @param start the first value
   * @param stop the end, excluded
   * @param step the difference between neighbours, not 0
   * @return a vector of {@code ceil((stop - start) / step)} values (none if that is negative)
   */
  public static KerasTensor arange(double start, double stop, double step) {
    return arange(start, stop, step, "float32");
  }

  /**
   * {@code ops.arange(start, stop, step, dtype)}: computed in float64 (int64 for integers) and
   * cast, so float32 ranges do not accumulate rounding errors.
   *
   * @param start the first value
   * @param stop the end, excluded
   * @param step the difference between neighbours, not 0
   * @param dtype the dtype of the result
   * @return a vector of {@code ceil((stop - start) / step)} values (none if that is negative)
   * @throws IllegalArgumentException if {@code step} is 0
   */
  public static KerasTensor arange(double start, double stop, double step, String dtype) {
    if (step == 0) {
      throw new IllegalArgumentException("ops.arange: step cannot be 0");
    }
    DType d = DType.of(dtype, "dtype");
    long count = Math.max(0, (long) Math.ceil((stop - start) / step));
    return op("arange", () -> {
      var tf = tf();
      Operand<TFloat64> index = tf.dtypes.cast(
          tf.range(tf.constant(0L), tf.constant(count), tf.constant(1L)), TFloat64.class);
      Operand<TFloat64> values = tf.math.add(tf.constant(start),
          tf.math.mul(index, tf.constant(step)));
      return out(tf.dtypes.cast(values, d.type()));
    });
  }

  /**
   * {@code ops.linspace(start, stop, num)}: {@code num} evenly spaced float32 values, both ends
   * included.
   *
   * @param start the first value
   * @param stop the last value
   * @param num how many values, at least 0
   * @return a vector of {@code num} values
   */
  public static KerasTensor linspace(double start, double stop, int num) {
    return linspace(start, stop, num, true, "float32");
  }

  /**
   * {@code ops.linspace(start, stop, num, endpoint, dtype)}.
   *
   * @param start the first value
   * @param stop the last value, or the end excluded if {@code endpoint} is false
   * @param num how many values, at least 0
   * @param endpoint whether {@code stop} is the last value
   * @param dtype the dtype of the result
   * @return a vector of {@code num} values
   * @throws IllegalArgumentException if {@code num} is negative
   */
  public static KerasTensor linspace(
      double start, double stop, int num, boolean endpoint, String dtype) {
    if (num < 0) {
      throw new IllegalArgumentException("ops.linspace: num must be at least 0, got " + num);
    }
    DType d = DType.of(dtype, "dtype");
    double step = num == 0 ? 0 : (stop - start) / (endpoint ? Math.max(num - 1, 1) : num);
    return op("linspace", () -> {
      var tf = tf();
      Operand<TFloat64> index = tf.dtypes.cast(
          tf.range(tf.constant(0L), tf.constant((long) num), tf.constant(1L)), TFloat64.class);
      Operand<TFloat64> values = tf.math.add(tf.constant(start),
          tf.math.mul(index, tf.constant(step)));
      return out(tf.dtypes.cast(values, d.type()));
    });
  }

  /**
   * {@code ops.zeros(shape)}, float32.
   *
   * @param shape the dimensions
   * @return a tensor of zeros
   */
  public static KerasTensor zeros(long... shape) {
    return full(shape, 0.0, "float32");
  }

  /**
   * {@code ops.ones(shape)}, float32.
   *
   * @param shape the dimensions
   * @return a tensor of ones
   */
  public static KerasTensor ones(long... shape) {
    return full(shape, 1.0, "float32");
  }

  /**
   * {@code ops.zeros(shape, dtype)}.
   *
   * @param shape the dimensions
   * @param dtype the dtype of the result, e.g. {@code "int32"}
   * @return a tensor of zeros
   */
  public static KerasTensor zeros(long[] shape, String dtype) {
    return full(shape, 0.0, dtype);
  }

  /**
   * {@code ops.ones(shape, dtype)}.
   *
   * @param shape the dimensions
   * @param dtype the dtype of the result, e.g. {@code "int32"}
   * @return a tensor of ones
   */
  public static KerasTensor ones(long[] shape, String dtype) {
    return full(shape, 1.0, dtype);
  }

  /**
   * {@code ops.full(shape, fill_value)}: float32 (Keras's floatx) whatever the value, as Keras.
   *
   * @param shape the dimensions
   * @param fillValue the value of every element
   * @return the filled float32 tensor
   */
  public static KerasTensor full(long[] shape, double fillValue) {
    return full(shape, fillValue, "float32");
  }

  /**
   * {@code ops.full(shape, fill_value, dtype)}.
   *
   * @param shape the dimensions
   * @param fillValue the value of every element
   * @param dtype the dtype of the result, e.g. {@code "float32"}, {@code "int32"}, {@code "bool"}
   * @return the filled tensor
   */
  public static KerasTensor full(long[] shape, double fillValue, String dtype) {
    DType d = DType.of(dtype, "dtype");
    dimensions("full", shape);
    return op("full", () -> {
      var tf = tf();
      Operand<? extends TType> value = tf.dtypes.cast(tf.constant(fillValue), d.type());
      return out(tf.fill(tf.constant(shape), value));
    });
  }

  /**
   * {@code ops.zeros_like(x)}, of x's dtype.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return zeros shaped like {@code x}
   */
  public static KerasTensor zerosLike(TensorLike x) {
    return fullLike(x, 0);
  }

  /**
   * {@code ops.ones_like(x)}, of x's dtype.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return ones shaped like {@code x}
   */
  public static KerasTensor onesLike(TensorLike x) {
    return fullLike(x, 1);
  }

  /**
   * {@code ops.full_like(x, fill_value)}, of x's dtype.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param fillValue the value of every element
   * @return a tensor shaped like {@code x}
   */
  public static KerasTensor fullLike(TensorLike x, double fillValue) {
    return op("full_like", () -> {
      var tf = tf();
      Tensor in = t(x);
      // fill(shape(x)) rather than ZerosLike/OnesLike: TensorFlow's C++ gradient registry has
      // none for those, and a loss such as mean((1 - p)^2) written with onesLike(p) must
      // differentiate. A filled tensor is a constant for gradients.
      Operand<? extends TType> value =
          tf.dtypes.cast(tf.constant(fillValue), in.dtype().type());
      return out(tf.stopGradient(tf.fill(tf.shape(in.value(), TInt64.class), value)));
    });
  }

  /**
   * {@code ops.eye(N, M, k)}, float32: ones on diagonal {@code k}, zeros elsewhere.
   *
   * @param n the number of rows
   * @param m the number of columns
   * @param k the diagonal: 0 the main one, positive above it, negative below
   * @return an {@code (n, m)} matrix
   */
  public static KerasTensor eye(long n, long m, long k) {
    dimensions("eye", new long[] {n, m});
    return op("eye", () -> {
      var tf = tf();
      Operand<TInt64> rows = tf.expandDims(
          tf.range(tf.constant(0L), tf.constant(n), tf.constant(1L)), tf.constant(1));
      Operand<TInt64> cols = tf.range(tf.constant(0L), tf.constant(m), tf.constant(1L));
      return out(tf.dtypes.cast(tf.math.equal(tf.math.add(rows, tf.constant(k)), cols),
          DType.FLOAT32.type()));
    });
  }

  /** Refuses a negative dimension of a new tensor's {@code shape}. */
  private static void dimensions(String op, long[] shape) {
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("ops." + op + ": shape " + java.util.Arrays.toString(
            shape) + " has a negative dimension");
      }
    }
  }

  /**
   * {@code ops.eye(N)}, {@code ops.identity(N)}: the float32 identity matrix.
   *
   * @param n the number of rows and columns
   * @return an {@code (n, n)} matrix
   */
  public static KerasTensor eye(long n) {
    return eye(n, n, 0);
  }

  /**
   * {@code ops.identity(n)}: the float32 identity matrix, as {@link #eye(long)}.
   *
   * @param n the number of rows and columns
   * @return an {@code (n, n)} matrix
   */
  public static KerasTensor identity(long n) {
    return eye(n, n, 0);
  }
}
