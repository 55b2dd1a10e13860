package keras4j.ops;

import keras4j.backend.DType;
import keras4j.backend.Tensor;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.core.TensorLike;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.family.TNumber;
import org.tensorflow.types.family.TType;

/**
 * Keras's element-wise {@code keras.ops}: arithmetic with NumPy broadcasting and Keras's type
 * promotion ({@code int32 + float32} is float32; a Java {@code 2} takes the tensor's dtype, a
 * Java {@code 2.0} makes integers float32, as Python's numbers do), and the functions of one
 * value. Functions that give fractions ({@code exp}, {@code sqrt}, {@code sin}, {@code divide},
 * ...) compute integers and booleans as float32, as Keras does.
 *
 * <p>Operands of the binary ops are tensors, variables, Java numbers, Java arrays or NdArrays.
 */
abstract class MathOps extends ShapeOps {
  MathOps() {}

  /** A TensorFlow builder of one operand. */
  @FunctionalInterface
  interface Unary {
    Operand<? extends TType> apply(Ops tf, Operand<TNumber> x);
  }

  /** A TensorFlow builder of two operands of one dtype. */
  @FunctionalInterface
  interface Binary {
    Operand<? extends TType> apply(Ops tf, Operand<TNumber> a, Operand<TNumber> b);
  }

  /** {@code f} on x, computed in x's dtype (numbers only). */
  static KerasTensor sameType(String name, TensorLike x, Unary f) {
    return op(name, () -> {
      Tensor in = t(x);
      if (!in.dtype().isNumeric()) {
        in = in.dtype() == DType.BOOL ? t(x, DType.INT32) : numeric(name, in);
      }
      return out(f.apply(tf(), any(in)));
    });
  }

  /** {@code f} on x, integers and booleans computed as float32. */
  static KerasTensor floatType(String name, TensorLike x, Unary f) {
    return op(name, () -> out(f.apply(tf(), any(floating(numeric(name, t(x)))))));
  }

  private static Tensor numeric(String name, Tensor t) {
    if (t.dtype() == DType.STRING) {
      throw new IllegalArgumentException("ops." + name + " takes numbers, got a string tensor");
    }
    return t;
  }

  /** {@code f} on a and b promoted to their result type and broadcast. */
  static KerasTensor promotedBinary(String name, Object a, Object b, Binary f) {
    return op(name, () -> {
      Tensor[] ab = promoted(name, a, b);
      checkBroadcast(name, ab[0], ab[1]);
      return out(f.apply(tf(), any(ab[0]), any(ab[1])));
    });
  }

  /** {@code f} on a and b promoted to a float dtype (integers to float32). */
  static KerasTensor floatBinary(String name, Object a, Object b, Binary f) {
    return op(name, () -> {
      DType d = resultType(a, b, 1.0);
      Tensor x = t(a, d);
      Tensor y = t(b, d);
      checkBroadcast(name, x, y);
      return out(f.apply(tf(), any(x), any(y)));
    });
  }

  /** NumPy's broadcasting rule on the static shapes, which TensorFlow reports less clearly. */
  static void checkBroadcast(String name, Tensor a, Tensor b) {
    Shape x = a.value().shape();
    Shape y = b.value().shape();
    if (x.isUnknown() || y.isUnknown()) {
      return;
    }
    for (int i = 1; i <= Math.min(x.numDimensions(), y.numDimensions()); i++) {
      long dx = x.get(x.numDimensions() - i);
      long dy = y.get(y.numDimensions() - i);
      if (dx != dy && dx != 1 && dy != 1 && dx >= 0 && dy >= 0) {
        throw new IllegalArgumentException("ops." + name + ": shapes " + Shapes.toKeras(x)
            + " and " + Shapes.toKeras(y) + " do not broadcast (sizes " + dx + " and " + dy
            + " differ and neither is 1)");
      }
    }
  }

  // ---------------------------------------------------------------- arithmetic

  /**
   * {@code ops.add(x1, x2)}: {@code x1 + x2}.
   *
   * @param x1 the left operand
   * @param x2 the right operand, broadcast against {@code x1} as in NumPy
   * @return the element-wise sum, of the promoted dtype
   */
  public static KerasTensor add(Object x1, Object x2) {
    return promotedBinary("add", x1, x2, (tf, a, b) -> tf.math.add(a, b));
  }

  /**
   * {@code ops.subtract(x1, x2)}: {@code x1 - x2}.
   *
   * @param x1 the left operand
   * @param x2 the right operand, broadcast against {@code x1} as in NumPy
   * @return the element-wise difference
   */
  public static KerasTensor subtract(Object x1, Object x2) {
    return promotedBinary("subtract", x1, x2, (tf, a, b) -> tf.math.sub(a, b));
  }

  /**
   * {@code ops.multiply(x1, x2)}: {@code x1 * x2}, element-wise.
   *
   * @param x1 the left operand
   * @param x2 the right operand, broadcast against {@code x1} as in NumPy
   * @return the element-wise product
   */
  public static KerasTensor multiply(Object x1, Object x2) {
    return promotedBinary("multiply", x1, x2, (tf, a, b) -> tf.math.mul(a, b));
  }

  /**
   * {@code ops.divide(x1, x2)}: true division, integers as float32 ({@code 1 / 2} is 0.5).
   *
   * @param x1 the dividend
   * @param x2 the divisor, broadcast against {@code x1} as in NumPy
   * @return the element-wise quotient
   */
  public static KerasTensor divide(Object x1, Object x2) {
    return floatBinary("divide", x1, x2, (tf, a, b) -> tf.math.div(a, b));
  }

  /**
   * {@code ops.divide_no_nan(x1, x2)}: {@code x1 / x2}, and 0 where {@code x2} is 0.
   *
   * @param x1 the dividend
   * @param x2 the divisor, broadcast against {@code x1} as in NumPy
   * @return the element-wise quotient, 0 where {@code x2} is 0
   */
  public static KerasTensor divideNoNan(Object x1, Object x2) {
    return floatBinary("divide_no_nan", x1, x2, (tf, a, b) -> tf.math.divNoNan(a, b));
  }

  /**
   * {@code ops.floor_divide(x1, x2)}: {@code x1 // x2}, rounded toward minus infinity.
   *
   * @param x1 the dividend
   * @param x2 the divisor, broadcast against {@code x1} as in NumPy
   * @return the element-wise floor quotient, of the promoted dtype
   */
  public static KerasTensor floorDivide(Object x1, Object x2) {
    return promotedBinary("floor_divide", x1, x2, (tf, a, b) -> tf.math.floorDiv(a, b));
  }

  /**
   * {@code ops.mod(x1, x2)}: {@code x1 % x2} with the divisor's sign, as Python's.
   *
   * @param x1 the dividend
   * @param x2 the divisor, broadcast against {@code x1} as in NumPy
   * @return the element-wise remainder
   */
  public static KerasTensor mod(Object x1, Object x2) {
    return promotedBinary("mod", x1, x2, (tf, a, b) -> tf.math.floorMod(a, b));
  }

  /**
   * {@code ops.power(x1, x2)}: {@code x1 ** x2}.
   *
   * @param x1 the bases
   * @param x2 the exponents, broadcast against {@code x1}
   * @return the element-wise power, of the promoted dtype
   */
  public static KerasTensor power(Object x1, Object x2) {
    return promotedBinary("power", x1, x2, (tf, a, b) -> tf.math.pow(a, b));
  }

  /**
   * {@code ops.maximum(x1, x2)}, element-wise.
   *
   * @param x1 the left operand
   * @param x2 the right operand, broadcast against {@code x1} as in NumPy
   * @return the larger of the two at each position
   */
  public static KerasTensor maximum(Object x1, Object x2) {
    return promotedBinary("maximum", x1, x2, (tf, a, b) -> tf.math.maximum(a, b));
  }

  /**
   * {@code ops.minimum(x1, x2)}, element-wise.
   *
   * @param x1 the left operand
   * @param x2 the right operand, broadcast against {@code x1} as in NumPy
   * @return the smaller of the two at each position
   */
  public static KerasTensor minimum(Object x1, Object x2) {
    return promotedBinary("minimum", x1, x2, (tf, a, b) -> tf.math.minimum(a, b));
  }

  /**
   * {@code ops.arctan2(x1, x2)}: the angle of the point {@code (x2, x1)}, in {@code [-pi, pi]}.
   *
   * @param x1 the y coordinates
   * @param x2 the x coordinates, broadcast against {@code x1}
   * @return the angles in radians
   */
  public static KerasTensor arctan2(Object x1, Object x2) {
    return floatBinary("arctan2", x1, x2, (tf, a, b) -> tf.math.atan2(a, b));
  }

  /**
   * {@code ops.squared_difference}: {@code (x1 - x2)^2}.
   *
   * @param x1 the left operand
   * @param x2 the right operand, broadcast against {@code x1}
   * @return the squared differences
   */
  public static KerasTensor squaredDifference(Object x1, Object x2) {
    return promotedBinary("squared_difference", x1, x2,
        (tf, a, b) -> tf.math.squaredDifference(a, b));
  }

  /**
   * {@code ops.clip(x, x_min, x_max)}, in x's dtype (booleans as int32).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param min the lower bound
   * @param max the upper bound, at least {@code min}
   * @return each element limited to [min, max]
   */
  public static KerasTensor clip(TensorLike x, double min, double max) {
    return op("clip", () -> {
      Tensor in = numeric("clip", t(x));
      DType d = in.dtype() == DType.BOOL ? DType.INT32 : in.dtype();
      return out(tf().clipByValue(any(t(x, d)), any(t(min, d)), any(t(max, d))));
    });
  }

  /**
   * {@code ops.where(condition, x1, x2)}: {@code x1} where the condition holds, else {@code x2}.
   *
   * @param condition a boolean tensor (numbers count as {@code != 0})
   * @param x1 the values where it holds
   * @param x2 the values elsewhere; the three broadcast together
   * @return the chosen values, of x1's and x2's promoted dtype
   */
  public static KerasTensor where(TensorLike condition, Object x1, Object x2) {
    return op("where", () -> {
      Tensor[] ab = promoted("where", x1, x2);
      Tensor c = t(condition, DType.BOOL);
      checkBroadcast("where", ab[0], ab[1]);
      checkBroadcast("where", c, ab[0]);
      checkBroadcast("where", c, ab[1]);
      Operand<TBool> cond = any(c);
      return out(tf().select(cond, any(ab[0]), any(ab[1])));
    });
  }

  // ---------------------------------------------------------------- functions of one value

  /**
   * {@code ops.negative(x)}: {@code -x}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return {@code -x}, element-wise
   */
  public static KerasTensor negative(TensorLike x) {
    return sameType("negative", x, (tf, a) -> tf.math.neg(a));
  }

  /**
   * {@code ops.abs(x)}; booleans and unsigned integers, never negative, are returned as they are
   * (as Keras).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return {@code |x|}, element-wise, of x's dtype
   */
  public static KerasTensor abs(TensorLike x) {
    return unlessIntegral("abs", x, false, (tf, a) -> tf.math.abs(a));
  }

  /**
   * {@code f} on x in x's dtype, but x as it is when it is a boolean or an unsigned integer (or,
   * {@code signedToo}, any integer): the values {@code f} would leave unchanged, which Keras
   * returns without computing (TensorFlow has no kernel of some of these ops for them).
   */
  private static KerasTensor unlessIntegral(String name, TensorLike x, boolean signedToo,
      Unary f) {
    return op(name, () -> {
      Tensor in = numeric(name, t(x));
      DType d = in.dtype();
      boolean unchanged = d == DType.BOOL || d == DType.UINT8 || d == DType.UINT16
          || (signedToo && d.isInteger());
      return unchanged ? in : out(f.apply(tf(), any(in)));
    });
  }

  /**
   * {@code ops.square(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return {@code x * x}, element-wise, of x's dtype
   */
  public static KerasTensor square(TensorLike x) {
    return sameType("square", x, (tf, a) -> tf.math.square(a));
  }

  /**
   * {@code ops.sign(x)}: -1, 0 or 1.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the signs, of x's dtype
   */
  public static KerasTensor sign(TensorLike x) {
    return sameType("sign", x, (tf, a) -> tf.math.sign(a));
  }

  /**
   * {@code ops.sqrt(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the element-wise square root (NaN for negative elements)
   */
  public static KerasTensor sqrt(TensorLike x) {
    return floatType("sqrt", x, (tf, a) -> tf.math.sqrt(a));
  }

  /**
   * {@code ops.rsqrt(x)}: {@code 1 / sqrt(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the element-wise reciprocal square root
   */
  public static KerasTensor rsqrt(TensorLike x) {
    return floatType("rsqrt", x, (tf, a) -> tf.math.rsqrt(a));
  }

  /**
   * {@code ops.reciprocal(x)}: {@code 1 / x}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the element-wise reciprocal
   */
  public static KerasTensor reciprocal(TensorLike x) {
    return floatType("reciprocal", x, (tf, a) -> tf.math.reciprocal(a));
  }

  /**
   * {@code ops.exp(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return {@code e^x}, element-wise
   */
  public static KerasTensor exp(TensorLike x) {
    return floatType("exp", x, (tf, a) -> tf.math.exp(a));
  }

  /**
   * {@code ops.expm1(x)}: {@code e^x - 1}, accurate near 0.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return {@code e^x - 1}, element-wise
   */
  public static KerasTensor expm1(TensorLike x) {
    return floatType("expm1", x, (tf, a) -> tf.math.expm1(a));
  }

  /**
   * {@code ops.log(x)}, the natural logarithm.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return {@code ln(x)}, element-wise (-inf at 0, NaN below)
   */
  public static KerasTensor log(TensorLike x) {
    return floatType("log", x, (tf, a) -> tf.math.log(a));
  }

  /**
   * {@code ops.log1p(x)}: {@code ln(1 + x)}, accurate near 0.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return {@code ln(1 + x)}, element-wise
   */
  public static KerasTensor log1p(TensorLike x) {
    return floatType("log1p", x, (tf, a) -> tf.math.log1p(a));
  }

  /**
   * {@code ops.log2(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the base-2 logarithm, element-wise
   */
  public static KerasTensor log2(TensorLike x) {
    return floatType("log2", x, (tf, a) -> tf.math.div(tf.math.log(a),
        tf.math.log(tf.dtypes.cast(tf.constant(2.0), a.type()))));
  }

  /**
   * {@code ops.log10(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the base-10 logarithm, element-wise
   */
  public static KerasTensor log10(TensorLike x) {
    return floatType("log10", x, (tf, a) -> tf.math.div(tf.math.log(a),
        tf.math.log(tf.dtypes.cast(tf.constant(10.0), a.type()))));
  }

  /**
   * {@code ops.sin(x)}.
   *
   * @param x the input in radians: a tensor, or a variable (read at its current value)
   * @return the sine, element-wise
   */
  public static KerasTensor sin(TensorLike x) {
    return floatType("sin", x, (tf, a) -> tf.math.sin(a));
  }

  /**
   * {@code ops.cos(x)}.
   *
   * @param x the input in radians: a tensor, or a variable (read at its current value)
   * @return the cosine, element-wise
   */
  public static KerasTensor cos(TensorLike x) {
    return floatType("cos", x, (tf, a) -> tf.math.cos(a));
  }

  /**
   * {@code ops.tan(x)}.
   *
   * @param x the input in radians: a tensor, or a variable (read at its current value)
   * @return the tangent, element-wise
   */
  public static KerasTensor tan(TensorLike x) {
    return floatType("tan", x, (tf, a) -> tf.math.tan(a));
  }

  /**
   * {@code ops.arcsin(x)}.
   *
   * @param x the input, in [-1, 1]: a tensor, or a variable (read at its current value)
   * @return the arcsine in radians, element-wise
   */
  public static KerasTensor arcsin(TensorLike x) {
    return floatType("arcsin", x, (tf, a) -> tf.math.asin(a));
  }

  /**
   * {@code ops.arccos(x)}.
   *
   * @param x the input, in [-1, 1]: a tensor, or a variable (read at its current value)
   * @return the arccosine in radians, element-wise
   */
  public static KerasTensor arccos(TensorLike x) {
    return floatType("arccos", x, (tf, a) -> tf.math.acos(a));
  }

  /**
   * {@code ops.arctan(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the arctangent in radians, element-wise
   */
  public static KerasTensor arctan(TensorLike x) {
    return floatType("arctan", x, (tf, a) -> tf.math.atan(a));
  }

  /**
   * {@code ops.sinh(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the hyperbolic sine, element-wise
   */
  public static KerasTensor sinh(TensorLike x) {
    return floatType("sinh", x, (tf, a) -> tf.math.sinh(a));
  }

  /**
   * {@code ops.cosh(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the hyperbolic cosine, element-wise
   */
  public static KerasTensor cosh(TensorLike x) {
    return floatType("cosh", x, (tf, a) -> tf.math.cosh(a));
  }

  /**
   * {@code ops.tanh(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the hyperbolic tangent of each element, in (-1, 1)
   */
  public static KerasTensor tanh(TensorLike x) {
    return floatType("tanh", x, (tf, a) -> tf.math.tanh(a));
  }

  /**
   * {@code ops.arcsinh(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the inverse hyperbolic sine, element-wise
   */
  public static KerasTensor arcsinh(TensorLike x) {
    return floatType("arcsinh", x, (tf, a) -> tf.math.asinh(a));
  }

  /**
   * {@code ops.arccosh(x)}.
   *
   * @param x the input, at least 1: a tensor, or a variable (read at its current value)
   * @return the inverse hyperbolic cosine, element-wise
   */
  public static KerasTensor arccosh(TensorLike x) {
    return floatType("arccosh", x, (tf, a) -> tf.math.acosh(a));
  }

  /**
   * {@code ops.arctanh(x)}.
   *
   * @param x the input, in (-1, 1): a tensor, or a variable (read at its current value)
   * @return the inverse hyperbolic tangent, element-wise
   */
  public static KerasTensor arctanh(TensorLike x) {
    return floatType("arctanh", x, (tf, a) -> tf.math.atanh(a));
  }

  /**
   * {@code ops.floor(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the largest integers not above x, as floats
   */
  public static KerasTensor floor(TensorLike x) {
    return floatType("floor", x, (tf, a) -> tf.math.floor(a));
  }

  /**
   * {@code ops.ceil(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the smallest integers not below x, as floats
   */
  public static KerasTensor ceil(TensorLike x) {
    return floatType("ceil", x, (tf, a) -> tf.math.ceil(a));
  }

  /**
   * {@code ops.round(x)}: to the nearest integer, halves to even; integers are returned as they
   * are.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the rounded values, of x's dtype
   */
  public static KerasTensor round(TensorLike x) {
    return unlessIntegral("round", x, true, (tf, a) -> tf.math.round(a));
  }

  /**
   * {@code ops.round(x, decimals)}: to {@code decimals} decimal places (negative: to tens,
   * hundreds, ...), halves to even, as Keras: {@code round(x * 10^decimals) / 10^decimals} in x's
   * dtype (integers with {@code decimals < 0} computed in float32 and cast back).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param decimals the number of decimal places
   * @return the rounded values, of x's dtype
   */
  public static KerasTensor round(TensorLike x, int decimals) {
    if (decimals == 0) {
      return round(x);
    }
    return op("round", () -> {
      Tensor in = numeric("round", t(x));
      DType d = in.dtype();
      if (!d.isFloat() && decimals > 0) {
        return in;
      }
      DType computed = d.isFloat() ? d : DType.FLOAT32;
      var tf = tf();
      Operand<TNumber> factor = any(t(Math.pow(10, decimals), computed));
      Operand<TNumber> rounded = tf.math.div(tf.math.round(tf.math.mul(any(t(x, computed)),
          factor)), factor);
      return computed == d ? out(rounded) : out(tf.dtypes.cast(rounded, d.type()));
    });
  }

  /**
   * {@code ops.trunc(x)}: toward zero; integers and booleans are returned as they are (as Keras).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the truncated values, of x's dtype
   */
  public static KerasTensor trunc(TensorLike x) {
    return unlessIntegral("trunc", x, true, (tf, a) -> tf.math.mul(tf.math.sign(a),
        tf.math.floor(tf.math.abs(a))));
  }
}
