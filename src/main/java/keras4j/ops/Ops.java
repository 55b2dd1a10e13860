package keras4j.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import keras4j.backend.Convolutions;
import keras4j.backend.CoreBridge;
import keras4j.backend.Kernels;
import keras4j.backend.Tensor;
import keras4j.core.KerasTensor;
import keras4j.core.TensorLike;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's {@code keras.ops}: the tensor operations that layers, losses, metrics, optimizers,
 * {@code trainStep}s and {@code keras4j.tf.TF} are written with, under Keras's names ({@code
 * ops.matmul(a, b)} is {@code Ops.matmul(a, b)}). They run inside a traced function (a layer's
 * {@code call}, a training step, the body of {@code TF.function}), where they add operations to
 * the graph; values from outside (constants, a function's results) become constants there.
 * Every tensor is float32; shapes broadcast as in NumPy.
 */
public final class Ops {
  private Ops() {}

  private static Tensor t(TensorLike x) {
    return CoreBridge.tensor(x.asTensor());
  }

  private static KerasTensor k(Tensor t) {
    return CoreBridge.kerasTensor(t);
  }

  private static KerasTensor unary(
      TensorLike x, BiFunction<org.tensorflow.op.Ops, Operand<TFloat32>, Operand<TFloat32>> f) {
    return k(Kernels.unary(t(x), f));
  }

  private static KerasTensor binary(TensorLike a, TensorLike b,
      Kernels.TriFunction<org.tensorflow.op.Ops, Operand<TFloat32>, Operand<TFloat32>,
          Operand<TFloat32>> f) {
    return k(Kernels.binary(t(a), t(b), f));
  }

  /**
   * {@code ops.matmul(a, b)}: the matrix product.
   *
   * @param a the left operand, a tensor or variable
   * @param b the right operand, broadcast against {@code a} as in NumPy
   * @return {@code a @ b}: for matrices {@code (n, k)} and {@code (k, m)}, an {@code (n, m)} matrix
   */
  public static KerasTensor matmul(TensorLike a, TensorLike b) {
    return k(Kernels.matmul(t(a), t(b)));
  }

  /**
   * {@code ops.add(a, b)}: {@code a + b}.
   *
   * @param a the left operand, a tensor or variable
   * @param b the right operand, broadcast against {@code a} as in NumPy
   * @return the element-wise sum
   */
  public static KerasTensor add(TensorLike a, TensorLike b) {
    return k(Kernels.add(t(a), t(b)));
  }

  /**
   * {@code a + value}.
   *
   * @param a the left operand, a tensor or variable
   * @param value the constant to add to every element
   * @return the element-wise sum
   */
  public static KerasTensor add(TensorLike a, double value) {
    return unary(a, (tf, x) -> tf.math.add(x, tf.constant((float) value)));
  }

  /**
   * {@code ops.subtract(a, b)}: {@code a - b}.
   *
   * @param a the left operand, a tensor or variable
   * @param b the right operand, broadcast against {@code a} as in NumPy
   * @return the element-wise difference
   */
  public static KerasTensor subtract(TensorLike a, TensorLike b) {
    return binary(a, b, (tf, x, y) -> tf.math.sub(x, y));
  }

  /**
   * {@code ops.multiply(a, b)}: {@code a * b}, element-wise.
   *
   * @param a the left operand, a tensor or variable
   * @param b the right operand, broadcast against {@code a} as in NumPy
   * @return the element-wise product
   */
  public static KerasTensor multiply(TensorLike a, TensorLike b) {
    return binary(a, b, (tf, x, y) -> tf.math.mul(x, y));
  }

  /**
   * {@code a * factor}.
   *
   * @param a the left operand, a tensor or variable
   * @param factor the constant to multiply every element by
   * @return the scaled tensor
   */
  public static KerasTensor multiply(TensorLike a, double factor) {
    return unary(a, (tf, x) -> tf.math.mul(x, tf.constant((float) factor)));
  }

  /**
   * {@code ops.divide(a, b)}: {@code a / b}, element-wise.
   *
   * @param a the left operand, a tensor or variable
   * @param b the right operand, broadcast against {@code a} as in NumPy
   * @return the element-wise quotient
   */
  public static KerasTensor divide(TensorLike a, TensorLike b) {
    return binary(a, b, (tf, x, y) -> tf.math.div(x, y));
  }

  /**
   * {@code ops.divide_no_nan(a, b)}: {@code a / b}, and 0 where {@code b} is 0.
   *
   * @param a the left operand, a tensor or variable
   * @param b the right operand, broadcast against {@code a} as in NumPy
   * @return the element-wise quotient, 0 where {@code b} is 0
   */
  public static KerasTensor divideNoNan(TensorLike a, TensorLike b) {
    return binary(a, b, (tf, x, y) -> tf.math.divNoNan(x, y));
  }

  /**
   * {@code ops.maximum(a, b)}, element-wise.
   *
   * @param a the left operand, a tensor or variable
   * @param b the right operand, broadcast against {@code a} as in NumPy
   * @return the larger of {@code a} and {@code b} at each position
   */
  public static KerasTensor maximum(TensorLike a, TensorLike b) {
    return binary(a, b, (tf, x, y) -> tf.math.maximum(x, y));
  }

  /**
   * {@code ops.maximum(a, value)}, element-wise.
   *
   * @param a the left operand, a tensor or variable
   * @param value the floor
   * @return each element of {@code a}, or {@code value} where that is larger
   */
  public static KerasTensor maximum(TensorLike a, double value) {
    return unary(a, (tf, x) -> tf.math.maximum(x, tf.constant((float) value)));
  }

  /**
   * {@code ops.minimum(a, b)}, element-wise.
   *
   * @param a the left operand, a tensor or variable
   * @param b the right operand, broadcast against {@code a} as in NumPy
   * @return the smaller of {@code a} and {@code b} at each position
   */
  public static KerasTensor minimum(TensorLike a, TensorLike b) {
    return binary(a, b, (tf, x, y) -> tf.math.minimum(x, y));
  }

  /**
   * {@code ops.minimum(a, value)}, element-wise.
   *
   * @param a the left operand, a tensor or variable
   * @param value the ceiling
   * @return each element of {@code a}, or {@code value} where that is smaller
   */
  public static KerasTensor minimum(TensorLike a, double value) {
    return unary(a, (tf, x) -> tf.math.minimum(x, tf.constant((float) value)));
  }

  /**
   * {@code ops.negative(x)}: {@code -x}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return {@code -x}, element-wise
   */
  public static KerasTensor negative(TensorLike x) {
    return unary(x, (tf, a) -> tf.math.neg(a));
  }

  /**
   * {@code ops.abs(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return {@code |x|}, element-wise
   */
  public static KerasTensor abs(TensorLike x) {
    return unary(x, (tf, a) -> tf.math.abs(a));
  }

  /**
   * {@code ops.square(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return {@code x * x}, element-wise
   */
  public static KerasTensor square(TensorLike x) {
    return unary(x, (tf, a) -> tf.math.square(a));
  }

  /**
   * {@code ops.sqrt(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the element-wise square root (NaN for negative elements)
   */
  public static KerasTensor sqrt(TensorLike x) {
    return unary(x, (tf, a) -> tf.math.sqrt(a));
  }

  /**
   * {@code ops.exp(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return {@code e^x}, element-wise
   */
  public static KerasTensor exp(TensorLike x) {
    return unary(x, (tf, a) -> tf.math.exp(a));
  }

  /**
   * {@code ops.log(x)}, the natural logarithm.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return {@code ln(x)}, element-wise (-inf at 0, NaN below)
   */
  public static KerasTensor log(TensorLike x) {
    return unary(x, (tf, a) -> tf.math.log(a));
  }

  /**
   * {@code ops.power(x, exponent)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param exponent the exponents, broadcast against {@code x}
   * @return {@code x^exponent}, element-wise
   */
  public static KerasTensor power(TensorLike x, TensorLike exponent) {
    return binary(x, exponent, (tf, a, b) -> tf.math.pow(a, b));
  }

  /**
   * {@code ops.power(x, exponent)} for a constant exponent.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param exponent the exponent of every element
   * @return {@code x^exponent}, element-wise
   */
  public static KerasTensor power(TensorLike x, double exponent) {
    return unary(x, (tf, a) -> tf.math.pow(a, tf.constant((float) exponent)));
  }

  /**
   * {@code ops.softplus(x)}: {@code log(1 + exp(x))}, computed without overflow.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the softplus of each element, shaped like {@code x}
   */
  public static KerasTensor softplus(TensorLike x) {
    return activation("softplus", x);
  }

  /**
   * {@code ops.greater(a, b)} as 1.0 (true) or 0.0 (false).
   *
   * @param a the left operand, a tensor or variable
   * @param b the right operand, broadcast against {@code a} as in NumPy
   * @return 1.0 where {@code a > b}, 0.0 elsewhere
   */
  public static KerasTensor greater(TensorLike a, TensorLike b) {
    return binary(a, b, (tf, x, y) -> tf.dtypes.cast(tf.math.greater(x, y), TFloat32.class));
  }

  /**
   * {@code ops.equal(a, b)} as 1.0 (true) or 0.0 (false).
   *
   * @param a the left operand, a tensor or variable
   * @param b the right operand, broadcast against {@code a} as in NumPy
   * @return 1.0 where {@code a == b}, 0.0 elsewhere
   */
  public static KerasTensor equal(TensorLike a, TensorLike b) {
    return binary(a, b, (tf, x, y) -> tf.dtypes.cast(tf.math.equal(x, y), TFloat32.class));
  }

  /**
   * {@code ops.where(condition, x, y)}: {@code x} where {@code condition} is true (not 0, as the
   * 1.0/0.0 of {@link #greater} and {@link #equal}), {@code y} elsewhere; shapes broadcast.
   *
   * @param condition where to take {@code x}
   * @param x the values where the condition holds
   * @param y the values elsewhere
   * @return the selected values
   */
  public static KerasTensor where(TensorLike condition, TensorLike x, TensorLike y) {
    Tensor c = t(condition);
    Tensor a = t(x);
    Tensor b = t(y);
    org.tensorflow.op.Ops tf = c.graph().tf();
    Operand<TFloat32> out = tf.select(
        tf.math.notEqual(c.operand(), tf.constant(0f)), a.operand(), b.operand());
    return k(new Tensor(c.graph(), out));
  }

  /**
   * {@code ops.sign(x)}: -1, 0 or 1.
   *
   * @param x the tensor
   * @return the result, element-wise
   */
  public static KerasTensor sign(TensorLike x) {
    return unary(x, (tf, a) -> tf.math.sign(a));
  }

  /**
   * {@code ops.floor(x)}.
   *
   * @param x the tensor
   * @return the result, element-wise
   */
  public static KerasTensor floor(TensorLike x) {
    return unary(x, (tf, a) -> tf.math.floor(a));
  }

  /**
   * {@code ops.ceil(x)}.
   *
   * @param x the tensor
   * @return the result, element-wise
   */
  public static KerasTensor ceil(TensorLike x) {
    return unary(x, (tf, a) -> tf.math.ceil(a));
  }

  /**
   * {@code ops.cos(x)}.
   *
   * @param x the tensor
   * @return the result, element-wise
   */
  public static KerasTensor cos(TensorLike x) {
    return unary(x, (tf, a) -> tf.math.cos(a));
  }

  /**
   * {@code ops.mod(x, y)}: the remainder of floor division, with the sign of {@code y}.
   *
   * @param x the dividend
   * @param y the divisor
   * @return the remainder, element-wise
   */
  public static KerasTensor mod(TensorLike x, TensorLike y) {
    return binary(x, y, (tf, a, b) -> tf.math.floorMod(a, b));
  }

  /**
   * {@code ops.greater_equal(a, b)} as 1.0 (true) or 0.0 (false).
   *
   * @param a the left operand
   * @param b the right operand, broadcast against {@code a}
   * @return 1.0 where {@code a >= b}, 0.0 elsewhere
   */
  public static KerasTensor greaterEqual(TensorLike a, TensorLike b) {
    return binary(a, b, (tf, x, y) -> tf.dtypes.cast(tf.math.greaterEqual(x, y), TFloat32.class));
  }

  /**
   * {@code ops.isinf(x)} as 1.0 (infinite, either sign) or 0.0.
   *
   * @param x the values
   * @return 1.0 where {@code x} is infinite, 0.0 elsewhere (NaN included)
   */
  public static KerasTensor isInf(TensorLike x) {
    return unary(x, (tf, a) -> tf.dtypes.cast(tf.math.isInf(a), TFloat32.class));
  }

  /**
   * {@code ops.where(condition, x, otherwise)}: {@code x} where {@code condition} is non-zero,
   * {@code otherwise} elsewhere (a NaN or infinity in the unchosen branch does not leak, as it
   * would through {@code condition * x}).
   *
   * @param condition 1.0/0.0 flags (any non-zero counts as true), broadcast against {@code x}
   * @param x the values taken where the condition holds
   * @param otherwise the value taken elsewhere
   * @return a tensor of the broadcast shape of {@code condition} and {@code x}
   */
  public static KerasTensor where(TensorLike condition, TensorLike x, double otherwise) {
    return binary(condition, x, (tf, c, a) -> tf.select(tf.math.notEqual(c, tf.constant(0f)),
        a, tf.constant((float) otherwise)));
  }

  /**
   * {@code ops.argmax(x, axis)}, as float32 indices.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to search, negative counting from the last
   * @return the index of the largest value along {@code axis}, with that axis removed
   */
  public static KerasTensor argmax(TensorLike x, int axis) {
    return unary(x, (tf, a) -> tf.dtypes.cast(tf.math.argMax(a, tf.constant(axis)), TFloat32.class));
  }

  /**
   * {@code ops.in_top_k(targets, predictions, k)} as 1.0 or 0.0: whether each row's class id
   * {@code targets} (float, shape (batch)) is among the {@code k} largest of {@code predictions}.
   *
   * @param targets the class id of each row, shape (batch)
   * @param predictions the scores, shape (batch, classes)
   * @param k how many of the highest scores count as a hit
   * @return 1.0 or 0.0 for each row, shape (batch)
   */
  public static KerasTensor inTopK(TensorLike targets, TensorLike predictions, int k) {
    return binary(targets, predictions, (tf, ids, scores) -> tf.dtypes.cast(tf.nn.inTopK(scores,
        tf.dtypes.cast(ids, TInt32.class), tf.constant(k)), TFloat32.class));
  }

  /**
   * {@code ops.round(x)}: to the nearest integer, halves to even.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the rounded values, shaped like {@code x}
   */
  public static KerasTensor round(TensorLike x) {
    return unary(x, (tf, a) -> tf.math.round(a));
  }

  /**
   * {@code ops.clip(x, min, max)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param min the lower bound
   * @param max the upper bound, at least {@code min}
   * @return each element limited to [min, max]
   */
  public static KerasTensor clip(TensorLike x, double min, double max) {
    return unary(x, (tf, a) -> tf.clipByValue(a, tf.constant((float) min), tf.constant((float) max)));
  }

  /**
   * {@code ops.tanh(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the hyperbolic tangent of each element, in (-1, 1)
   */
  public static KerasTensor tanh(TensorLike x) {
    return activation("tanh", x);
  }

  /**
   * {@code ops.sigmoid(x)}; crossentropy losses use its logits, as Keras does.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return {@code 1 / (1 + exp(-x))}, element-wise, in (0, 1)
   */
  public static KerasTensor sigmoid(TensorLike x) {
    return activation("sigmoid", x);
  }

  /**
   * {@code ops.relu(x)}: {@code max(x, 0)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the rectified values, shaped like {@code x}
   */
  public static KerasTensor relu(TensorLike x) {
    return activation("relu", x);
  }

  /**
   * {@code ops.softmax(x)} over the last axis; crossentropy losses use its logits.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the probabilities, each row summing to 1
   */
  public static KerasTensor softmax(TensorLike x) {
    return activation("softmax", x);
  }

  /**
   * The Keras activation {@code name} ({@code "relu"}, {@code "softmax"}, {@code "elu"}, ...), as
   * {@code keras.activations.get(name)(x)}.
   *
   * @param name the activation's Keras name
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the activated values, shaped like {@code x}
   */
  public static KerasTensor activation(String name, TensorLike x) {
    return k(Kernels.activation(name, t(x)));
  }

  /**
   * {@code ops.mean(x)}: the mean of all elements.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the mean of all elements, a scalar
   */
  public static KerasTensor mean(TensorLike x) {
    return k(Kernels.mean(t(x)));
  }

  /**
   * {@code ops.mean(x, axis)} (negative counts from the end).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to average over, negative counting from the last
   * @return the means, with {@code axis} removed
   */
  public static KerasTensor mean(TensorLike x, int axis) {
    return unary(x, (tf, a) -> tf.math.mean(a, tf.constant(axis)));
  }

  /**
   * {@code ops.sum(x)}: the sum of all elements.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the sum of all elements, a scalar
   */
  public static KerasTensor sum(TensorLike x) {
    return k(Kernels.sum(t(x)));
  }

  /**
   * {@code ops.sum(x, axis)} (negative counts from the end).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to sum over, negative counting from the last
   * @return the sums, with {@code axis} removed
   */
  public static KerasTensor sum(TensorLike x, int axis) {
    return unary(x, (tf, a) -> tf.reduceSum(a, tf.constant(axis)));
  }

  /**
   * {@code ops.sum(x, axis, keepdims)} (negative counts from the end).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis summed over
   * @param keepdims whether the summed axis stays, of size 1
   * @return the sums
   */
  public static KerasTensor sum(TensorLike x, int axis, boolean keepdims) {
    return unary(x, (tf, a) -> tf.reduceSum(a, tf.constant(axis),
        org.tensorflow.op.core.ReduceSum.keepDims(keepdims)));
  }

  /**
   * {@code ops.normalize(x, axis)} (order 2): {@code x} scaled to unit L2 norm along {@code axis},
   * as Keras computes it, {@code x * min(rsqrt(sum(x^2)), 1 / 1e-7)}, so a zero vector stays zero.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis along which the norm is taken
   * @return x normalized, of x's shape
   */
  public static KerasTensor normalize(TensorLike x, int axis) {
    return unary(x, (tf, a) -> tf.math.mul(a, tf.math.minimum(
        tf.math.rsqrt(tf.reduceSum(tf.math.square(a), tf.constant(axis),
            org.tensorflow.op.core.ReduceSum.keepDims(true))), tf.constant(1e7f))));
  }

  /**
   * {@code ops.min(x)}: the smallest element.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the smallest element, a scalar
   */
  public static KerasTensor min(TensorLike x) {
    return unary(x, (tf, a) -> tf.reduceMin(a, tf.range(tf.constant(0), tf.rank(a), tf.constant(1))));
  }

  /**
   * {@code ops.max(x, axis)} (negative counts from the end).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to reduce, negative counting from the last
   * @return the largest values, with {@code axis} removed
   */
  public static KerasTensor max(TensorLike x, int axis) {
    return unary(x, (tf, a) -> tf.reduceMax(a, tf.constant(axis)));
  }

  /**
   * {@code ops.transpose(x)}: the dimensions reversed.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the transposed tensor; an {@code (n, m)} matrix becomes {@code (m, n)}
   */
  public static KerasTensor transpose(TensorLike x) {
    return k(Kernels.transpose(t(x)));
  }

  /**
   * {@code ops.transpose(x, axes)}: dimension {@code i} of the result is {@code axes[i]} of x.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes a permutation of x's dimensions
   * @return x with its dimensions permuted
   */
  public static KerasTensor transpose(TensorLike x, int... axes) {
    return unary(x, (tf, a) -> tf.linalg.transpose(a, tf.constant(axes)));
  }

  /**
   * {@code ops.tile(x, repeats)}: {@code x} repeated {@code repeats[i]} times along axis i.
   *
   * @param repeats how many times along each axis
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the result
   */
  public static KerasTensor tile(TensorLike x, int... repeats) {
    return k(Kernels.tile(t(x), repeats));
  }

  /**
   * {@code ops.pad(x, pad_width)} with zeros: {@code padWidth[axis] = {before, after}}.
   *
   * @param padWidth {@code {before, after}} for each axis
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the result
   */
  public static KerasTensor pad(TensorLike x, int[][] padWidth) {
    return k(keras4j.backend.ImageKernels.pad(t(x), padWidth));
  }

  /**
   * {@code ops.mean(x, axis=axes, keepdims=keepdims)}.
   *
   * @param axes the axes (negative counts from the end)
   * @param keepdims whether to keep the reduced axes with size 1
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the result
   */
  public static KerasTensor mean(TensorLike x, int[] axes, boolean keepdims) {
    return k(Kernels.mean(t(x), axes, keepdims));
  }

  /**
   * {@code ops.max(x, axis=axes, keepdims=keepdims)}.
   *
   * @param axes the axes (negative counts from the end)
   * @param keepdims whether to keep the reduced axes with size 1
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the result
   */
  public static KerasTensor max(TensorLike x, int[] axes, boolean keepdims) {
    return k(Kernels.max(t(x), axes, keepdims));
  }

  /**
   * {@code ops.flip(x, axis)}: the order of the values along {@code axis} reversed.
   *
   * @param axis the axis (negative counts from the end)
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the result
   */
  public static KerasTensor flip(TensorLike x, int axis) {
    return unary(x, (tf, a) -> tf.reverse(a, tf.constant(new int[] {axis})));
  }

  /**
   * {@code ops.sin(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the result
   */
  public static KerasTensor sin(TensorLike x) {
    return unary(x, (tf, a) -> tf.math.sin(a));
  }

  /**
   * {@code ops.reshape(x, (-1, *sampleShape))}: a batch of samples of a new shape.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param sampleShape the new shape of each sample (without the batch dimension), of the same size
   * @return the reshaped batch, shape {@code (batch, sampleShape...)}
   */
  public static KerasTensor reshapeSamples(TensorLike x, Shape sampleShape) {
    return k(Kernels.reshapeBatch(t(x), sampleShape));
  }

  /**
   * {@code ops.reshape(x, shape)} (one dimension may be -1).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param shape the new dimensions, of the same total size; at most one -1 (inferred)
   * @return the reshaped tensor
   */
  public static KerasTensor reshape(TensorLike x, long... shape) {
    return unary(x, (tf, a) -> tf.reshape(a, tf.constant(shape)));
  }

  /**
   * {@code ops.slice(x, start_indices, shape)}: the block of {@code shape} from {@code start}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param start the index where the block starts, one per dimension
   * @param shape the block's size, one per dimension (-1 for everything to the end)
   * @return the block, shaped {@code shape}
   */
  public static KerasTensor slice(TensorLike x, long[] start, long[] shape) {
    return unary(x, (tf, a) -> tf.slice(a, tf.constant(start), tf.constant(shape)));
  }

  /**
   * {@code ops.expand_dims(x, axis)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis where the new size-1 axis goes, negative counting from the end
   * @return {@code x} with one more dimension
   */
  public static KerasTensor expandDims(TensorLike x, int axis) {
    return unary(x, (tf, a) -> tf.expandDims(a, tf.constant(axis)));
  }

  /**
   * {@code ops.split(x, sections, axis=0)}: {@code sections} equal parts along the first axis.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param sections the number of parts, which must divide the first dimension
   * @return the parts, in order
   */
  public static List<KerasTensor> split(TensorLike x, int sections) {
    Tensor whole = t(x);
    org.tensorflow.op.Ops tf = whole.graph().tf();
    List<KerasTensor> parts = new ArrayList<>();
    tf.split(tf.constant(0), whole.operand(), (long) sections)
        .forEach(part -> parts.add(k(new Tensor(whole.graph(), part))));
    return parts;
  }

  /**
   * {@code ops.concatenate(values, axis)}.
   *
   * @param values the tensors to join, equal in every other dimension
   * @param axis the axis to join along, negative counting from the last
   * @return the joined tensor
   */
  public static KerasTensor concatenate(List<? extends TensorLike> values, int axis) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("concatenate needs at least one tensor");
    }
    List<Tensor> tensors = new ArrayList<>();
    values.forEach(v -> tensors.add(t(v)));
    return k(Kernels.concatenate(tensors, axis));
  }

  /**
   * {@code ops.stop_gradient(x)}: x, through which no gradient flows.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the same values, treated as a constant by gradients
   */
  public static KerasTensor stopGradient(TensorLike x) {
    return unary(x, (tf, a) -> tf.stopGradient(a));
  }

  /**
   * {@code ops.zeros_like(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return zeros shaped like {@code x}
   */
  public static KerasTensor zerosLike(TensorLike x) {
    // Behind StopGradient: TensorFlow's C++ gradient registry has no ZerosLike/OnesLike, and a
    // loss such as mean((1 - p)^2) written with onesLike(p) would not differentiate otherwise.
    return unary(x, (tf, a) -> tf.stopGradient(tf.zerosLike(a)));
  }

  /**
   * {@code ops.ones_like(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return ones shaped like {@code x}
   */
  public static KerasTensor onesLike(TensorLike x) {
    return unary(x, (tf, a) -> tf.stopGradient(tf.onesLike(a)));
  }

  /**
   * The number of rows of {@code x} (its first dimension) as a float32 scalar.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return a float32 scalar, the batch size
   */
  public static KerasTensor batchSize(TensorLike x) {
    return unary(x, (tf, a) -> tf.dtypes.cast(
        tf.gather(tf.shape(a), tf.constant(0), tf.constant(0)), TFloat32.class));
  }

  /**
   * {@code ops.conv(x, kernel, strides, padding, dilation_rate)}: cross-correlation of
   * channels-last inputs of 1 to 3 spatial axes ({@code strides.length}) with a {@code (*window,
   * in / groups, out)} kernel. The number of groups is the input's channels over the kernel's
   * input channels, as in Keras.
   *
   * @param x the inputs, shaped (batch, *spatial, channels)
   * @param kernel the filters, shaped (*window, input channels / groups, output channels)
   * @param strides the step between windows, one per spatial axis
   * @param padding {@code "valid"} (no padding), {@code "same"} (output size {@code ceil(input /
   *     stride)}) or, 1-D only, {@code "causal"} (padded on the left)
   * @param dilationRate the spacing between kernel taps, one per spatial axis
   * @return the feature maps, shaped (batch, *spatial', output channels)
   */
  public static KerasTensor conv(
      TensorLike x, TensorLike kernel, int[] strides, String padding, int[] dilationRate) {
    return k(Convolutions.conv(t(x), t(kernel), strides, padding, dilationRate));
  }

  /**
   * {@code ops.depthwise_conv(x, kernel, strides, padding, dilation_rate)}: each input channel
   * cross-correlated with its own {@code multiplier} filters of a {@code (*window, channels,
   * multiplier)} kernel, output channel {@code c * multiplier + m}.
   *
   * @param x the inputs, shaped (batch, *spatial, channels), 1 or 2 spatial axes
   * @param kernel the filters, shaped (*window, channels, multiplier)
   * @param strides the step between windows, one per spatial axis
   * @param padding {@code "valid"} (no padding) or {@code "same"} (output size {@code ceil(input /
   *     stride)})
   * @param dilationRate the spacing between kernel taps, one per spatial axis
   * @return the feature maps, shaped (batch, *spatial', channels * multiplier)
   */
  public static KerasTensor depthwiseConv(
      TensorLike x, TensorLike kernel, int[] strides, String padding, int[] dilationRate) {
    return k(Convolutions.depthwiseConv(t(x), t(kernel), strides, padding, dilationRate));
  }

  /**
   * {@code ops.separable_conv(x, depthwise_kernel, pointwise_kernel, strides, padding,
   * dilation_rate)}: a depthwise convolution, then a 1x1 convolution mixing its channels.
   *
   * @param x the inputs, shaped (batch, *spatial, channels), 1 or 2 spatial axes
   * @param depthwiseKernel the depthwise filters, shaped (*window, channels, multiplier)
   * @param pointwiseKernel the 1x1 filters, shaped (*1, channels * multiplier, output channels)
   * @param strides the step between windows, one per spatial axis
   * @param padding {@code "valid"} (no padding) or {@code "same"} (output size {@code ceil(input /
   *     stride)})
   * @param dilationRate the spacing between kernel taps, one per spatial axis
   * @return the feature maps, shaped (batch, *spatial', output channels)
   */
  public static KerasTensor separableConv(TensorLike x, TensorLike depthwiseKernel,
      TensorLike pointwiseKernel, int[] strides, String padding, int[] dilationRate) {
    KerasTensor depthwise = depthwiseConv(x, depthwiseKernel, strides, padding, dilationRate);
    int[] ones = new int[strides.length];
    java.util.Arrays.fill(ones, 1);
    return conv(depthwise, pointwiseKernel, ones, "valid", ones);
  }

  /**
   * {@code ops.conv_transpose(x, kernel, strides, padding, output_padding, dilation_rate)}: the
   * transposed convolution (the gradient of {@code conv} with respect to its input) with a {@code
   * (*window, out, in)} kernel, to the output size Keras computes.
   *
   * @param x the inputs, shaped (batch, *spatial, channels), 1 or 2 spatial axes
   * @param kernel the filters, shaped (*window, output channels, channels)
   * @param strides the upsampling factor, one per spatial axis
   * @param padding {@code "valid"} or {@code "same"} (output size {@code input * stride})
   * @param outputPadding cells added at the end of each axis, each less than its stride; null for
   *     Keras's default
   * @param dilationRate the spacing between kernel taps, one per spatial axis
   * @return the upsampled feature maps, shaped (batch, *spatial', output channels)
   */
  public static KerasTensor convTranspose(TensorLike x, TensorLike kernel, int[] strides,
      String padding, int[] outputPadding, int[] dilationRate) {
    return k(Convolutions.convTranspose(t(x), t(kernel), strides, padding, outputPadding,
        dilationRate));
  }

  /**
   * {@code ops.max_pool(x, pool_size, strides, padding)} over channels-last windows of 1 to 3
   * spatial axes ({@code poolSize.length}).
   *
   * @param x the inputs, shaped (batch, *spatial, channels)
   * @param poolSize the window, one per spatial axis
   * @param strides the step between windows, one per spatial axis
   * @param padding {@code "valid"} (no padding) or {@code "same"} (output size {@code ceil(input /
   *     stride)})
   * @return the largest value of each window
   */
  public static KerasTensor maxPool(TensorLike x, int[] poolSize, int[] strides, String padding) {
    return k(Convolutions.pool(t(x), true, poolSize, strides, padding));
  }

  /**
   * {@code ops.average_pool(x, pool_size, strides, padding)} over 1 to 3 spatial axes; padded
   * cells are not counted.
   *
   * @param x the inputs, shaped (batch, *spatial, channels)
   * @param poolSize the window, one per spatial axis
   * @param strides the step between windows, one per spatial axis
   * @param padding {@code "valid"} (no padding) or {@code "same"} (output size {@code ceil(input /
   *     stride)})
   * @return the mean of each window
   */
  public static KerasTensor averagePool(
      TensorLike x, int[] poolSize, int[] strides, String padding) {
    return k(Convolutions.pool(t(x), false, poolSize, strides, padding));
  }

  /**
   * {@code keras.random.dropout(x, rate, seed)}: zeroes each value with probability {@code rate}
   * and scales the others by {@code 1 / (1 - rate)}; a new mask on every execution.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param rate the probability of dropping each value, in [0, 1)
   * @param seed the random seed
   * @return the values with dropout applied, shaped like {@code x}
   */
  public static KerasTensor dropout(TensorLike x, double rate, long seed) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
    }
    return k(Kernels.dropout(t(x), (float) rate, seed));
  }

  /**
   * {@code ops.moments(x, axes=all but the last)}: {@code [mean, variance]} (biased).
   *
   * @param x the batch, features on the last axis
   * @return the mean and variance of each feature
   */
  public static List<KerasTensor> moments(TensorLike x) {
    Tensor[] m = Kernels.momentsOverBatch(t(x));
    return List.of(k(m[0]), k(m[1]));
  }

  /**
   * {@code ops.batch_normalization(x, mean, variance, axis=-1, offset, scale, epsilon)}: {@code
   * (x - mean) / sqrt(variance + epsilon) * scale + offset}; {@code offset} and {@code scale} may
   * be null.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param mean the mean of each feature
   * @param variance the variance of each feature
   * @param offset the learned shift (beta) of each feature, or null for none
   * @param scale the learned scale (gamma) of each feature, or null for none
   * @param epsilon added to the variance to avoid dividing by zero
   * @return the normalised values, shaped like {@code x}
   */
  public static KerasTensor batchNormalization(TensorLike x, TensorLike mean, TensorLike variance,
      TensorLike offset, TensorLike scale, double epsilon) {
    return k(Kernels.batchNormalization(t(x), t(mean), t(variance),
        offset == null ? null : t(offset), scale == null ? null : t(scale), (float) epsilon));
  }
}
