package keras4j.ops;

import java.util.Arrays;
import keras4j.backend.DType;
import keras4j.backend.Tensor;
import keras4j.core.KerasTensor;
import keras4j.core.TensorLike;
import org.tensorflow.Operand;
import org.tensorflow.op.core.ReduceAll;
import org.tensorflow.op.core.ReduceAny;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.op.core.ReduceMin;
import org.tensorflow.op.core.ReduceProd;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.math.Cumprod;
import org.tensorflow.op.math.Cumsum;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * Keras's reductions: over one axis, several, or all ({@code axis=None}), with {@code keepdims};
 * and {@code argmax}, {@code argmin}, {@code cumsum}, {@code cumprod}. Sums and products of
 * booleans and unsigned integers are int32, means, variances and {@code logsumexp} of integers
 * float32, as Keras's.
 */
abstract class ReductionOps extends LogicOps {
  ReductionOps() {}

  /** What a reduction computes. */
  enum Reduction {
    SUM("sum"), PROD("prod"), MEAN("mean"), MAX("max"), MIN("min"), VAR("var"), STD("std"),
    LOGSUMEXP("logsumexp"), ANY("any"), ALL("all");

    final String keras;

    Reduction(String keras) {
      this.keras = keras;
    }
  }

  /** The dtype reduction {@code r} computes x of dtype {@code d} in. */
  private static DType reducedType(Reduction r, DType d) {
    return switch (r) {
      case SUM, PROD -> d == DType.BOOL || d == DType.UINT8 || d == DType.UINT16 ? DType.INT32 : d;
      case MEAN, VAR, STD, LOGSUMEXP -> d.isFloat() ? d : DType.FLOAT32;
      case MAX, MIN -> d == DType.BOOL ? DType.INT32 : d;
      case ANY, ALL -> DType.BOOL;
    };
  }

  static KerasTensor reduce(Reduction r, TensorLike x, int[] axes, boolean keepdims) {
    return op(r.keras, () -> {
      Tensor in = t(x);
      if (in.dtype() == DType.STRING) {
        throw new IllegalArgumentException("ops." + r.keras + " takes numbers, got strings");
      }
      Tensor typed = t(x, reducedType(r, in.dtype()));
      return out(reduced(r, typed, axes(axes, rank(in, r.keras), r.keras), keepdims));
    });
  }

  private static Operand<?> reduced(Reduction r, Tensor x, int[] axes, boolean keep) {
    var tf = tf();
    Operand<TInt32> at = tf.constant(axes);
    Operand<TNumber> v = any(x);
    Operand<TBool> b = any(x);
    return switch (r) {
      case SUM -> tf.reduceSum(v, at, ReduceSum.keepDims(keep));
      case PROD -> tf.reduceProd(v, at, ReduceProd.keepDims(keep));
      case MEAN -> tf.math.mean(v, at, Mean.keepDims(keep));
      case MAX -> tf.reduceMax(v, at, ReduceMax.keepDims(keep));
      case MIN -> tf.reduceMin(v, at, ReduceMin.keepDims(keep));
      case VAR -> variance(v, at, keep);
      case STD -> tf.math.sqrt(variance(v, at, keep));
      case LOGSUMEXP -> {
        // max + log(sum(exp(x - max))), the max behind stop_gradient as Keras's; an infinite
        // max (all -inf) is replaced by 0 so that the result is -inf, not NaN.
        Operand<TNumber> max = tf.stopGradient(tf.reduceMax(v, at, ReduceMax.keepDims(true)));
        Operand<TNumber> safe = tf.select(tf.math.isFinite(max), max, tf.zerosLike(max));
        Operand<TNumber> sum = tf.reduceSum(tf.math.exp(tf.math.sub(v, safe)), at,
            ReduceSum.keepDims(true));
        Operand<TNumber> lse = tf.math.add(tf.math.log(sum), safe);
        yield keep ? lse : tf.squeeze(lse, org.tensorflow.op.core.Squeeze.axis(
            Arrays.stream(axes).mapToObj(Long::valueOf).toList()));
      }
      case ANY -> tf.reduceAny(b, at, ReduceAny.keepDims(keep));
      case ALL -> tf.reduceAll(b, at, ReduceAll.keepDims(keep));
    };
  }

  /**
   * {@code ops.sum(x, axis)}: over the given axes, or over all of them if none is given.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes the axes to reduce, negative counting from the end; none for all
   * @return the sums, with the reduced axes removed
   */
  public static KerasTensor sum(TensorLike x, int... axes) {
    return reduce(Reduction.SUM, x, axes.length == 0 ? null : axes, false);
  }

  /**
   * {@code ops.sum(x, axis, keepdims)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to reduce, negative counting from the end
   * @param keepdims whether the reduced axis stays, of size 1
   * @return the sums
   */
  public static KerasTensor sum(TensorLike x, int axis, boolean keepdims) {
    return reduce(Reduction.SUM, x, new int[] {axis}, keepdims);
  }

  /**
   * {@code ops.sum(x, axis=axes, keepdims=keepdims)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes the axes to reduce, negative counting from the end; null for all
   * @param keepdims whether the reduced axes stay, of size 1
   * @return the sums
   */
  public static KerasTensor sum(TensorLike x, int[] axes, boolean keepdims) {
    return reduce(Reduction.SUM, x, axes, keepdims);
  }

  /**
   * {@code ops.prod(x, axis)}: over the given axes, or over all of them if none is given.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes the axes to reduce, negative counting from the end; none for all
   * @return the products, with the reduced axes removed
   */
  public static KerasTensor prod(TensorLike x, int... axes) {
    return reduce(Reduction.PROD, x, axes.length == 0 ? null : axes, false);
  }

  /**
   * {@code ops.prod(x, axis, keepdims)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to reduce, negative counting from the end
   * @param keepdims whether the reduced axis stays, of size 1
   * @return the products
   */
  public static KerasTensor prod(TensorLike x, int axis, boolean keepdims) {
    return reduce(Reduction.PROD, x, new int[] {axis}, keepdims);
  }

  /**
   * {@code ops.prod(x, axis=axes, keepdims=keepdims)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes the axes to reduce, negative counting from the end; null for all
   * @param keepdims whether the reduced axes stay, of size 1
   * @return the products
   */
  public static KerasTensor prod(TensorLike x, int[] axes, boolean keepdims) {
    return reduce(Reduction.PROD, x, axes, keepdims);
  }

  /**
   * {@code ops.mean(x, axis)}: over the given axes, or over all of them if none is given.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes the axes to reduce, negative counting from the end; none for all
   * @return the means (integers averaged as float32), with the reduced axes removed
   */
  public static KerasTensor mean(TensorLike x, int... axes) {
    return reduce(Reduction.MEAN, x, axes.length == 0 ? null : axes, false);
  }

  /**
   * {@code ops.mean(x, axis, keepdims)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to reduce, negative counting from the end
   * @param keepdims whether the reduced axis stays, of size 1
   * @return the means (integers averaged as float32)
   */
  public static KerasTensor mean(TensorLike x, int axis, boolean keepdims) {
    return reduce(Reduction.MEAN, x, new int[] {axis}, keepdims);
  }

  /**
   * {@code ops.mean(x, axis=axes, keepdims=keepdims)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes the axes to reduce, negative counting from the end; null for all
   * @param keepdims whether the reduced axes stay, of size 1
   * @return the means (integers averaged as float32)
   */
  public static KerasTensor mean(TensorLike x, int[] axes, boolean keepdims) {
    return reduce(Reduction.MEAN, x, axes, keepdims);
  }

  /**
   * {@code ops.max(x, axis)}: over the given axes, or over all of them if none is given.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes the axes to reduce, negative counting from the end; none for all
   * @return the largest values, with the reduced axes removed
   */
  public static KerasTensor max(TensorLike x, int... axes) {
    return reduce(Reduction.MAX, x, axes.length == 0 ? null : axes, false);
  }

  /**
   * {@code ops.max(x, axis, keepdims)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to reduce, negative counting from the end
   * @param keepdims whether the reduced axis stays, of size 1
   * @return the largest values
   */
  public static KerasTensor max(TensorLike x, int axis, boolean keepdims) {
    return reduce(Reduction.MAX, x, new int[] {axis}, keepdims);
  }

  /**
   * {@code ops.max(x, axis=axes, keepdims=keepdims)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes the axes to reduce, negative counting from the end; null for all
   * @param keepdims whether the reduced axes stay, of size 1
   * @return the largest values
   */
  public static KerasTensor max(TensorLike x, int[] axes, boolean keepdims) {
    return reduce(Reduction.MAX, x, axes, keepdims);
  }

  /**
   * {@code ops.min(x, axis)}: over the given axes, or over all of them if none is given.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes the axes to reduce, negative counting from the end; none for all
   * @return the smallest values, with the reduced axes removed
   */
  public static KerasTensor min(TensorLike x, int... axes) {
    return reduce(Reduction.MIN, x, axes.length == 0 ? null : axes, false);
  }

  /**
   * {@code ops.min(x, axis, keepdims)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to reduce, negative counting from the end
   * @param keepdims whether the reduced axis stays, of size 1
   * @return the smallest values
   */
  public static KerasTensor min(TensorLike x, int axis, boolean keepdims) {
    return reduce(Reduction.MIN, x, new int[] {axis}, keepdims);
  }

  /**
   * {@code ops.min(x, axis=axes, keepdims=keepdims)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes the axes to reduce, negative counting from the end; null for all
   * @param keepdims whether the reduced axes stay, of size 1
   * @return the smallest values
   */
  public static KerasTensor min(TensorLike x, int[] axes, boolean keepdims) {
    return reduce(Reduction.MIN, x, axes, keepdims);
  }

  /**
   * {@code ops.var(x, axis)}: over the given axes, or over all of them if none is given.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes the axes to reduce, negative counting from the end; none for all
   * @return the (population) variances, with the reduced axes removed
   */
  public static KerasTensor var(TensorLike x, int... axes) {
    return reduce(Reduction.VAR, x, axes.length == 0 ? null : axes, false);
  }

  /**
   * {@code ops.var(x, axis, keepdims)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to reduce, negative counting from the end
   * @param keepdims whether the reduced axis stays, of size 1
   * @return the (population) variances
   */
  public static KerasTensor var(TensorLike x, int axis, boolean keepdims) {
    return reduce(Reduction.VAR, x, new int[] {axis}, keepdims);
  }

  /**
   * {@code ops.var(x, axis=axes, keepdims=keepdims)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes the axes to reduce, negative counting from the end; null for all
   * @param keepdims whether the reduced axes stay, of size 1
   * @return the (population) variances
   */
  public static KerasTensor var(TensorLike x, int[] axes, boolean keepdims) {
    return reduce(Reduction.VAR, x, axes, keepdims);
  }

  /**
   * {@code ops.std(x, axis)}: over the given axes, or over all of them if none is given.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes the axes to reduce, negative counting from the end; none for all
   * @return the (population) standard deviations, with the reduced axes removed
   */
  public static KerasTensor std(TensorLike x, int... axes) {
    return reduce(Reduction.STD, x, axes.length == 0 ? null : axes, false);
  }

  /**
   * {@code ops.std(x, axis, keepdims)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to reduce, negative counting from the end
   * @param keepdims whether the reduced axis stays, of size 1
   * @return the (population) standard deviations
   */
  public static KerasTensor std(TensorLike x, int axis, boolean keepdims) {
    return reduce(Reduction.STD, x, new int[] {axis}, keepdims);
  }

  /**
   * {@code ops.std(x, axis=axes, keepdims=keepdims)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes the axes to reduce, negative counting from the end; null for all
   * @param keepdims whether the reduced axes stay, of size 1
   * @return the (population) standard deviations
   */
  public static KerasTensor std(TensorLike x, int[] axes, boolean keepdims) {
    return reduce(Reduction.STD, x, axes, keepdims);
  }

  /**
   * {@code ops.logsumexp(x, axis)}: over the given axes, or over all of them if none is given.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes the axes to reduce, negative counting from the end; none for all
   * @return {@code log(sum(exp(x)))}, computed without overflow, with the reduced axes removed
   */
  public static KerasTensor logsumexp(TensorLike x, int... axes) {
    return reduce(Reduction.LOGSUMEXP, x, axes.length == 0 ? null : axes, false);
  }

  /**
   * {@code ops.logsumexp(x, axis, keepdims)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to reduce, negative counting from the end
   * @param keepdims whether the reduced axis stays, of size 1
   * @return {@code log(sum(exp(x)))}, computed without overflow
   */
  public static KerasTensor logsumexp(TensorLike x, int axis, boolean keepdims) {
    return reduce(Reduction.LOGSUMEXP, x, new int[] {axis}, keepdims);
  }

  /**
   * {@code ops.logsumexp(x, axis=axes, keepdims=keepdims)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes the axes to reduce, negative counting from the end; null for all
   * @param keepdims whether the reduced axes stay, of size 1
   * @return {@code log(sum(exp(x)))}, computed without overflow
   */
  public static KerasTensor logsumexp(TensorLike x, int[] axes, boolean keepdims) {
    return reduce(Reduction.LOGSUMEXP, x, axes, keepdims);
  }

  /**
   * {@code ops.any(x, axis)}: over the given axes, or over all of them if none is given.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes the axes to reduce, negative counting from the end; none for all
   * @return whether any value is true (non-zero), bool, with the reduced axes removed
   */
  public static KerasTensor any(TensorLike x, int... axes) {
    return reduce(Reduction.ANY, x, axes.length == 0 ? null : axes, false);
  }

  /**
   * {@code ops.any(x, axis, keepdims)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to reduce, negative counting from the end
   * @param keepdims whether the reduced axis stays, of size 1
   * @return whether any value is true (non-zero), bool
   */
  public static KerasTensor any(TensorLike x, int axis, boolean keepdims) {
    return reduce(Reduction.ANY, x, new int[] {axis}, keepdims);
  }

  /**
   * {@code ops.any(x, axis=axes, keepdims=keepdims)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes the axes to reduce, negative counting from the end; null for all
   * @param keepdims whether the reduced axes stay, of size 1
   * @return whether any value is true (non-zero), bool
   */
  public static KerasTensor any(TensorLike x, int[] axes, boolean keepdims) {
    return reduce(Reduction.ANY, x, axes, keepdims);
  }

  /**
   * {@code ops.all(x, axis)}: over the given axes, or over all of them if none is given.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes the axes to reduce, negative counting from the end; none for all
   * @return whether every value is true (non-zero), bool, with the reduced axes removed
   */
  public static KerasTensor all(TensorLike x, int... axes) {
    return reduce(Reduction.ALL, x, axes.length == 0 ? null : axes, false);
  }

  /**
   * {@code ops.all(x, axis, keepdims)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to reduce, negative counting from the end
   * @param keepdims whether the reduced axis stays, of size 1
   * @return whether every value is true (non-zero), bool
   */
  public static KerasTensor all(TensorLike x, int axis, boolean keepdims) {
    return reduce(Reduction.ALL, x, new int[] {axis}, keepdims);
  }

  /**
   * {@code ops.all(x, axis=axes, keepdims=keepdims)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes the axes to reduce, negative counting from the end; null for all
   * @param keepdims whether the reduced axes stay, of size 1
   * @return whether every value is true (non-zero), bool
   */
  public static KerasTensor all(TensorLike x, int[] axes, boolean keepdims) {
    return reduce(Reduction.ALL, x, axes, keepdims);
  }

  /** The biased variance over {@code at}, as Keras's {@code var}. */
  private static Operand<TNumber> variance(Operand<TNumber> v, Operand<TInt32> at, boolean keep) {
    var tf = tf();
    Operand<TNumber> mean = tf.math.mean(v, at, Mean.keepDims(true));
    return tf.math.mean(tf.math.squaredDifference(v, mean), at, Mean.keepDims(keep));
  }

  /**
   * {@code ops.argmax(x)}: the position of the largest value of x flattened, int32.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return an int32 scalar
   */
  public static KerasTensor argmax(TensorLike x) {
    return argmax(x, null, false);
  }

  /**
   * {@code ops.argmax(x, axis)}: int32 indices, the first one on ties.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to search, negative counting from the last
   * @return the index of the largest value along {@code axis}, with that axis removed
   */
  public static KerasTensor argmax(TensorLike x, int axis) {
    return argmax(x, (Integer) axis, false);
  }

  /**
   * {@code ops.argmax(x, axis, keepdims)}: int32 indices, the first one on ties; -0.0 counts as
   * less than 0.0, as Keras.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to search, negative counting from the last; null for x flattened
   * @param keepdims whether the searched axis stays, of size 1 (all axes, for null)
   * @return the index of the largest value
   */
  public static KerasTensor argmax(TensorLike x, Integer axis, boolean keepdims) {
    return arg("argmax", x, axis, keepdims, true);
  }

  /**
   * {@code ops.argmin(x)}: the position of the smallest value of x flattened, int32.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return an int32 scalar
   */
  public static KerasTensor argmin(TensorLike x) {
    return argmin(x, null, false);
  }

  /**
   * {@code ops.argmin(x, axis)}: int32 indices, the first one on ties.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to search, negative counting from the last
   * @return the index of the smallest value along {@code axis}, with that axis removed
   */
  public static KerasTensor argmin(TensorLike x, int axis) {
    return argmin(x, (Integer) axis, false);
  }

  /**
   * {@code ops.argmin(x, axis, keepdims)}: int32 indices, the first one on ties; -0.0 counts as
   * less than 0.0, as Keras.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to search, negative counting from the last; null for x flattened
   * @param keepdims whether the searched axis stays, of size 1 (all axes, for null)
   * @return the index of the smallest value
   */
  public static KerasTensor argmin(TensorLike x, Integer axis, boolean keepdims) {
    return arg("argmin", x, axis, keepdims, false);
  }

  private static KerasTensor arg(String name, TensorLike x, Integer axis, boolean keepdims,
      boolean max) {
    return op(name, () -> {
      Tensor in = t(x);
      DType d = in.dtype();
      if (d == DType.STRING) {
        throw new IllegalArgumentException("ops." + name + " takes numbers, got strings");
      }
      int rank = rank(in, name);
      Integer at = axis == null ? null : axis(axis, rank, name);
      var tf = tf();
      Operand<TNumber> v = any(in);
      if (d.isFloat()) {
        // Keras's fix of flush-to-zero: -0.0 becomes the smallest negative normal number, so
        // that 0.0 wins over it; float16 and bfloat16 are compared as float32.
        DType f = d == DType.FLOAT64 ? d : DType.FLOAT32;
        v = any(t(x, f));
        Operand<TBool> negativeZero = tf.math.logicalAnd(tf.math.equal(v, tf.zerosLike(v)),
            tf.math.less(tf.math.reciprocal(v), tf.zerosLike(v)));
        double tiny = f == DType.FLOAT64 ? Double.MIN_NORMAL : Float.MIN_NORMAL;
        v = tf.select(negativeZero, any(t(-tiny, f)), v);
      }
      if (at == null) {
        v = tf.reshape(v, tf.constant(new long[] {-1}));
      }
      Operand<TInt32> index = tf.constant(at == null ? 0 : at);
      Operand<TInt32> found = max ? tf.math.argMax(v, index, TInt32.class)
          : tf.math.argMin(v, index, TInt32.class);
      if (keepdims) {
        long[] shape = in.value().shape().asArray();
        if (at == null) {
          Arrays.fill(shape, 1);
        } else {
          shape[at] = 1;
        }
        found = at == null ? tf.reshape(found, tf.constant(shape))
            : tf.expandDims(found, tf.constant(at));
      }
      return out(found);
    });
  }

  /**
   * {@code ops.cumsum(x, axis)}: running sums along the axis.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to sum along
   * @return the running sums, shaped like x
   */
  public static KerasTensor cumsum(TensorLike x, int axis) {
    return cumulative(x, axis, true);
  }

  /**
   * {@code ops.cumsum(x)}: running sums of x flattened.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return a vector of running sums
   */
  public static KerasTensor cumsum(TensorLike x) {
    return cumsum(reshape(x, -1), 0);
  }

  /**
   * {@code ops.cumprod(x, axis)}: running products along the axis.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to multiply along
   * @return the running products, shaped like x
   */
  public static KerasTensor cumprod(TensorLike x, int axis) {
    return cumulative(x, axis, false);
  }

  /**
   * {@code ops.cumprod(x)}: running products of x flattened.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return a vector of running products
   */
  public static KerasTensor cumprod(TensorLike x) {
    return cumprod(reshape(x, -1), 0);
  }

  private static KerasTensor cumulative(TensorLike x, int axis, boolean sum) {
    Reduction r = sum ? Reduction.SUM : Reduction.PROD;
    String name = sum ? "cumsum" : "cumprod";
    return op(name, () -> {
      Tensor in = t(x);
      int at = axis(axis, rank(in, name), name);
      Operand<TNumber> v = any(t(x, reducedType(r, in.dtype())));
      return out(sum ? tf().math.cumsum(v, tf().constant(at), Cumsum.exclusive(false))
          : tf().math.cumprod(v, tf().constant(at), Cumprod.exclusive(false)));
    });
  }
}
