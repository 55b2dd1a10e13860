package keras4j.ops;

import keras4j.backend.DType;
import keras4j.backend.Tensor;
import keras4j.core.KerasTensor;
import keras4j.core.TensorLike;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;

/**
 * Keras's comparison and logical {@code keras.ops}: bool results, as Keras's ({@code
 * ops.cast(ops.equal(a, b), "float32")} for 1.0/0.0); comparisons promote their operands first.
 */
abstract class LogicOps extends MathOps {
  LogicOps() {}

  /** A TensorFlow builder of two booleans. */
  @FunctionalInterface
  interface Logical {
    Operand<TBool> apply(Ops tf, Operand<TBool> a, Operand<TBool> b);
  }

  private static KerasTensor logical(String name, Object x1, Object x2, Logical f) {
    return op(name, () -> {
      Tensor a = t(x1, DType.BOOL);
      Tensor b = t(x2, DType.BOOL);
      checkBroadcast(name, a, b);
      return out(f.apply(tf(), any(a), any(b)));
    });
  }

  /**
   * {@code ops.equal(x1, x2)}.
   *
   * @param x1 the left operand
   * @param x2 the right operand, broadcast against {@code x1}
   * @return a bool tensor, true where {@code x1 == x2}
   */
  public static KerasTensor equal(Object x1, Object x2) {
    return promotedBinary("equal", x1, x2, (tf, a, b) -> tf.math.equal(a, b));
  }

  /**
   * {@code ops.not_equal(x1, x2)}.
   *
   * @param x1 the left operand
   * @param x2 the right operand, broadcast against {@code x1}
   * @return a bool tensor, true where {@code x1 != x2}
   */
  public static KerasTensor notEqual(Object x1, Object x2) {
    return promotedBinary("not_equal", x1, x2, (tf, a, b) -> tf.math.notEqual(a, b));
  }

  /**
   * {@code ops.greater(x1, x2)}.
   *
   * @param x1 the left operand
   * @param x2 the right operand, broadcast against {@code x1}
   * @return a bool tensor, true where {@code x1 > x2}
   */
  public static KerasTensor greater(Object x1, Object x2) {
    return promotedBinary("greater", x1, x2, (tf, a, b) -> tf.math.greater(a, b));
  }

  /**
   * {@code ops.greater_equal(x1, x2)}.
   *
   * @param x1 the left operand
   * @param x2 the right operand, broadcast against {@code x1}
   * @return a bool tensor, true where {@code x1 >= x2}
   */
  public static KerasTensor greaterEqual(Object x1, Object x2) {
    return promotedBinary("greater_equal", x1, x2, (tf, a, b) -> tf.math.greaterEqual(a, b));
  }

  /**
   * {@code ops.less(x1, x2)}.
   *
   * @param x1 the left operand
   * @param x2 the right operand, broadcast against {@code x1}
   * @return a bool tensor, true where {@code x1 < x2}
   */
  public static KerasTensor less(Object x1, Object x2) {
    return promotedBinary("less", x1, x2, (tf, a, b) -> tf.math.less(a, b));
  }

  /**
   * {@code ops.less_equal(x1, x2)}.
   *
   * @param x1 the left operand
   * @param x2 the right operand, broadcast against {@code x1}
   * @return a bool tensor, true where {@code x1 <= x2}
   */
  public static KerasTensor lessEqual(Object x1, Object x2) {
    return promotedBinary("less_equal", x1, x2, (tf, a, b) -> tf.math.lessEqual(a, b));
  }

  /**
   * {@code ops.logical_and(x1, x2)} (numbers count as {@code != 0}).
   *
   * @param x1 the left operand
   * @param x2 the right operand, broadcast against {@code x1}
   * @return a bool tensor
   */
  public static KerasTensor logicalAnd(Object x1, Object x2) {
    return logical("logical_and", x1, x2, (tf, a, b) -> tf.math.logicalAnd(a, b));
  }

  /**
   * {@code ops.logical_or(x1, x2)} (numbers count as {@code != 0}).
   *
   * @param x1 the left operand
   * @param x2 the right operand, broadcast against {@code x1}
   * @return a bool tensor
   */
  public static KerasTensor logicalOr(Object x1, Object x2) {
    return logical("logical_or", x1, x2, (tf, a, b) -> tf.math.logicalOr(a, b));
  }

  /**
   * {@code ops.logical_xor(x1, x2)} (numbers count as {@code != 0}).
   *
   * @param x1 the left operand
   * @param x2 the right operand, broadcast against {@code x1}
   * @return a bool tensor
   */
  public static KerasTensor logicalXor(Object x1, Object x2) {
    return logical("logical_xor", x1, x2, (tf, a, b) -> tf.math.notEqual(a, b));
  }

  /**
   * {@code ops.logical_not(x)} (numbers count as {@code != 0}).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return a bool tensor
   */
  public static KerasTensor logicalNot(TensorLike x) {
    return op("logical_not", () -> out(tf().math.logicalNot(any(t(x, DType.BOOL)))));
  }

  /**
   * {@code ops.isnan(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return a bool tensor (false everywhere for integers)
   */
  public static KerasTensor isnan(TensorLike x) {
    return floatType("isnan", x, (tf, a) -> tf.math.isNan(a));
  }

  /**
   * {@code ops.isinf(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return a bool tensor (false everywhere for integers)
   */
  public static KerasTensor isinf(TensorLike x) {
    return floatType("isinf", x, (tf, a) -> tf.math.isInf(a));
  }

  /**
   * {@code ops.isfinite(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return a bool tensor (true everywhere for integers)
   */
  public static KerasTensor isfinite(TensorLike x) {
    return floatType("isfinite", x, (tf, a) -> tf.math.isFinite(a));
  }
}
