package keras4j.ops;

import java.util.Arrays;
import java.util.function.Supplier;
import keras4j.backend.DType;
import keras4j.backend.Tensor;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.core.TensorLike;
import org.tensorflow.Operand;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;
import org.tensorflow.types.family.TType;

/**
 * Keras's {@code keras.random}: seeded random draws, eager outside a traced function and part of
 * the graph inside one, as every op of {@link Ops}.
 *
 * <p>The seed is an integer or a {@link SeedGenerator}, as in Keras: an integer draws the same
 * values on every call (and every execution of a traced function); a generator draws new ones
 * each time. The draws are TensorFlow's stateless kernels seeded as Keras's TensorFlow backend
 * seeds them ({@code [seed, 0]} for an integer, the generator's state otherwise), so they equal
 * that backend's values for the same seed and shape (checked against fixtures); Keras's JAX and
 * PyTorch backends draw other streams.
 */
public final class RandomOps {
  private RandomOps() {}

  /** The int32 {@code [2]} seed of a draw, built inside the op's body. */
  private interface Seed extends Supplier<Operand<TInt32>> {}

  private static Seed seed(long seed) {
    // Keras's TensorFlow backend takes the int64 pair modulo 2^31 - 2 into int32.
    int[] pair = {Math.floorMod(seed, Integer.MAX_VALUE - 1), 0};
    return () -> CoreOps.tf().constant(pair);
  }

  private static Seed seed(SeedGenerator generator) {
    // Drawn now, outside the op's body: inside a trace, the generator's update joins it.
    KerasTensor state = generator.next();
    return () -> CoreOps.any(CoreOps.t(state, DType.INT32));
  }

  private static KerasTensor op(String name, Supplier<Tensor> body) {
    return CoreOps.op("random." + name, body);
  }

  /**
   * {@code keras.random.normal(shape, mean, stddev, dtype, seed)}.
   *
   * @param shape the dimensions of the result
   * @param mean the mean of the distribution (Keras's default 0)
   * @param stddev its standard deviation (Keras's default 1)
   * @param dtype a float dtype, e.g. {@code "float32"}
   * @param seed the seed: the same values on every call
   * @return the values
   * @throws IllegalArgumentException if {@code dtype} is not a float dtype or a dimension is
   *     negative
   */
  public static KerasTensor normal(long[] shape, double mean, double stddev, String dtype,
      long seed) {
    return normal(shape, mean, stddev, dtype, seed(seed));
  }

  /**
   * {@code keras.random.normal(shape, mean, stddev, dtype, seed)} with a generator.
   *
   * @param shape the dimensions of the result
   * @param mean the mean of the distribution (Keras's default 0)
   * @param stddev its standard deviation (Keras's default 1)
   * @param dtype a float dtype, e.g. {@code "float32"}
   * @param seed the generator: new values on every call
   * @return the values
   * @throws IllegalArgumentException if {@code dtype} is not a float dtype or a dimension is
   *     negative
   */
  public static KerasTensor normal(long[] shape, double mean, double stddev, String dtype,
      SeedGenerator seed) {
    return normal(shape, mean, stddev, dtype, seed(seed));
  }

  private static KerasTensor normal(long[] shape, double mean, double stddev, String dtype,
      Seed seed) {
    DType d = floatDType("normal", dtype);
    checkShape("normal", shape);
    return op("normal", () -> {
      var tf = CoreOps.tf();
      Operand<TNumber> rnd = tf.random.statelessRandomNormal(tf.constant(shape), seed.get(),
          d.typed());
      return scaled(rnd, stddev, mean, d);
    });
  }

  /**
   * {@code keras.random.truncated_normal(shape, mean, stddev, dtype, seed)}: normal values more
   * than two standard deviations from the mean are drawn again.
   *
   * @param shape the dimensions of the result
   * @param mean the mean of the distribution before truncation (Keras's default 0)
   * @param stddev its standard deviation before truncation (Keras's default 1)
   * @param dtype a float dtype, e.g. {@code "float32"}
   * @param seed the seed: the same values on every call
   * @return the values
   * @throws IllegalArgumentException if {@code dtype} is not a float dtype or a dimension is
   *     negative
   */
  public static KerasTensor truncatedNormal(long[] shape, double mean, double stddev,
      String dtype, long seed) {
    return truncatedNormal(shape, mean, stddev, dtype, seed(seed));
  }

  /**
   * {@code keras.random.truncated_normal(shape, mean, stddev, dtype, seed)} with a generator.
   *
   * @param shape the dimensions of the result
   * @param mean the mean of the distribution before truncation (Keras's default 0)
   * @param stddev its standard deviation before truncation (Keras's default 1)
   * @param dtype a float dtype, e.g. {@code "float32"}
   * @param seed the generator: new values on every call
   * @return the values
   * @throws IllegalArgumentException if {@code dtype} is not a float dtype or a dimension is
   *     negative
   */
  public static KerasTensor truncatedNormal(long[] shape, double mean, double stddev,
      String dtype, SeedGenerator seed) {
    return truncatedNormal(shape, mean, stddev, dtype, seed(seed));
  }

  private static KerasTensor truncatedNormal(long[] shape, double mean, double stddev,
      String dtype, Seed seed) {
    DType d = floatDType("truncated_normal", dtype);
    checkShape("truncated_normal", shape);
    return op("truncated_normal", () -> {
      var tf = CoreOps.tf();
      Operand<TNumber> rnd = tf.random.statelessTruncatedNormal(tf.constant(shape), seed.get(),
          d.typed());
      return scaled(rnd, stddev, mean, d);
    });
  }

  /**
   * {@code keras.random.uniform(shape, minval, maxval, dtype, seed)}: values in {@code [minval,
   * maxval)}.
   *
   * @param shape the dimensions of the result
   * @param minval the lower bound, included (Keras's default 0)
   * @param maxval the upper bound, excluded (Keras's default 1)
   * @param dtype a float dtype, e.g. {@code "float32"}
   * @param seed the seed: the same values on every call
   * @return the values
   * @throws IllegalArgumentException if {@code dtype} is not a float dtype or a dimension is
   *     negative
   */
  public static KerasTensor uniform(long[] shape, double minval, double maxval, String dtype,
      long seed) {
    return uniform(shape, minval, maxval, dtype, seed(seed));
  }

  /**
   * {@code keras.random.uniform(shape, minval, maxval, dtype, seed)} with a generator.
   *
   * @param shape the dimensions of the result
   * @param minval the lower bound, included (Keras's default 0)
   * @param maxval the upper bound, excluded (Keras's default 1)
   * @param dtype a float dtype, e.g. {@code "float32"}
   * @param seed the generator: new values on every call
   * @return the values
   * @throws IllegalArgumentException if {@code dtype} is not a float dtype or a dimension is
   *     negative
   */
  public static KerasTensor uniform(long[] shape, double minval, double maxval, String dtype,
      SeedGenerator seed) {
    return uniform(shape, minval, maxval, dtype, seed(seed));
  }

  private static KerasTensor uniform(long[] shape, double minval, double maxval, String dtype,
      Seed seed) {
    DType d = floatDType("uniform", dtype);
    checkShape("uniform", shape);
    return op("uniform", () -> {
      var tf = CoreOps.tf();
      Operand<TNumber> rnd = tf.random.statelessRandomUniform(tf.constant(shape), seed.get(),
          d.typed());
      // As TensorFlow's stateless_uniform: rnd * (maxval - minval) + minval, in the dtype.
      Operand<TNumber> low = constant(minval, d);
      return CoreOps.out(tf.math.add(tf.math.mul(rnd, tf.math.sub(constant(maxval, d), low)),
          low));
    });
  }

  /**
   * {@code keras.random.randint(shape, minval, maxval, dtype, seed)}: integers in {@code
   * [minval, maxval)}.
   *
   * @param shape the dimensions of the result
   * @param minval the smallest value drawn
   * @param maxval one more than the largest value drawn
   * @param dtype an integer dtype, e.g. {@code "int32"} (Keras's default)
   * @param seed the seed: the same values on every call
   * @return the values
   * @throws IllegalArgumentException if {@code dtype} is not an integer dtype, {@code minval >=
   *     maxval}, or a dimension is negative
   */
  public static KerasTensor randint(long[] shape, long minval, long maxval, String dtype,
      long seed) {
    return randint(shape, minval, maxval, dtype, seed(seed));
  }

  /**
   * {@code keras.random.randint(shape, minval, maxval, dtype, seed)} with a generator.
   *
   * @param shape the dimensions of the result
   * @param minval the smallest value drawn
   * @param maxval one more than the largest value drawn
   * @param dtype an integer dtype, e.g. {@code "int32"} (Keras's default)
   * @param seed the generator: new values on every call
   * @return the values
   * @throws IllegalArgumentException if {@code dtype} is not an integer dtype, {@code minval >=
   *     maxval}, or a dimension is negative
   */
  public static KerasTensor randint(long[] shape, long minval, long maxval, String dtype,
      SeedGenerator seed) {
    return randint(shape, minval, maxval, dtype, seed(seed));
  }

  private static KerasTensor randint(long[] shape, long minval, long maxval, String dtype,
      Seed seed) {
    DType d = DType.of(dtype, "dtype");
    if (!d.isInteger()) {
      throw new IllegalArgumentException("keras.random.randint requires an integer dtype, got "
          + dtype);
    }
    if (minval >= maxval) {
      throw new IllegalArgumentException("keras.random.randint: minval must be below maxval, got "
          + minval + " >= " + maxval);
    }
    checkShape("randint", shape);
    // Keras draws int32 and int64 as they are, other integer dtypes in int64 and casts.
    DType drawn = d == DType.INT32 ? DType.INT32 : DType.INT64;
    return op("randint", () -> {
      var tf = CoreOps.tf();
      Operand<TNumber> low = constant(minval, drawn);
      Operand<TNumber> high = constant(maxval, drawn);
      Operand<TNumber> values =
          tf.random.statelessRandomUniformInt(tf.constant(shape), seed.get(), low, high);
      return cast(values, d);
    });
  }

  /**
   * {@code keras.random.categorical(logits, num_samples, dtype, seed)}: for each row of {@code
   * logits}, {@code numSamples} class indices drawn with probabilities {@code softmax(row)}.
   *
   * @param logits a {@code (batch, classes)} tensor of unnormalized log-probabilities
   * @param numSamples the number of draws per row
   * @param dtype an integer dtype of the result, e.g. {@code "int32"} (Keras's default)
   * @param seed the seed: the same values on every call
   * @return a {@code (batch, numSamples)} tensor of class indices
   * @throws IllegalArgumentException if {@code logits} is not 2-D or {@code dtype} not integer
   */
  public static KerasTensor categorical(TensorLike logits, int numSamples, String dtype,
      long seed) {
    return categorical(logits, numSamples, dtype, seed(seed));
  }

  /**
   * {@code keras.random.categorical(logits, num_samples, dtype, seed)} with a generator.
   *
   * @param logits a {@code (batch, classes)} tensor of unnormalized log-probabilities
   * @param numSamples the number of draws per row
   * @param dtype an integer dtype of the result, e.g. {@code "int32"} (Keras's default)
   * @param seed the generator: new values on every call
   * @return a {@code (batch, numSamples)} tensor of class indices
   * @throws IllegalArgumentException if {@code logits} is not 2-D or {@code dtype} not integer
   */
  public static KerasTensor categorical(TensorLike logits, int numSamples, String dtype,
      SeedGenerator seed) {
    return categorical(logits, numSamples, dtype, seed(seed));
  }

  private static KerasTensor categorical(TensorLike logits, int numSamples, String dtype,
      Seed seed) {
    DType d = DType.of(dtype, "dtype");
    if (!d.isInteger()) {
      throw new IllegalArgumentException("keras.random.categorical requires an integer dtype,"
          + " got " + dtype);
    }
    if (Ops.ndim(logits) != 2) {
      throw new IllegalArgumentException("keras.random.categorical: `logits` should be a 2-D"
          + " tensor with shape [batch_size, num_classes], got shape "
          + Shapes.toKeras(Ops.shape(logits)));
    }
    return op("categorical", () -> {
      var tf = CoreOps.tf();
      Operand<TInt64> drawn = tf.random.statelessMultinomial(
          CoreOps.any(CoreOps.floating(CoreOps.t(logits))), tf.constant(numSamples), seed.get());
      return cast(drawn, d);
    });
  }

  /**
   * {@code keras.random.dropout(inputs, rate, noise_shape, seed)}: zeroes each value with
   * probability {@code rate} and scales the others by {@code 1 / (1 - rate)}.
   *
   * @param inputs a float tensor, or a variable (read at its current value)
   * @param rate the probability of dropping each value, in [0, 1]
   * @param noiseShape the shape of the mask, broadcast against {@code inputs} (-1 takes the
   *     input's dimension); null for the input's shape
   * @param seed the seed: the same mask on every call
   * @return the values with dropout applied, shaped like {@code inputs}
   * @throws IllegalArgumentException if {@code rate} is outside [0, 1]
   */
  public static KerasTensor dropout(TensorLike inputs, double rate, long[] noiseShape,
      long seed) {
    return dropout(inputs, rate, noiseShape, () -> seed(seed));
  }

  /**
   * {@code keras.random.dropout(inputs, rate, noise_shape, seed)} with a generator.
   *
   * @param inputs a float tensor, or a variable (read at its current value)
   * @param rate the probability of dropping each value, in [0, 1]
   * @param noiseShape the shape of the mask, broadcast against {@code inputs} (-1 takes the
   *     input's dimension); null for the input's shape
   * @param seed the generator: a new mask on every call
   * @return the values with dropout applied, shaped like {@code inputs}
   * @throws IllegalArgumentException if {@code rate} is outside [0, 1]
   */
  public static KerasTensor dropout(TensorLike inputs, double rate, long[] noiseShape,
      SeedGenerator seed) {
    return dropout(inputs, rate, noiseShape, () -> seed(seed));
  }

  private static KerasTensor dropout(TensorLike inputs, double rate, long[] noiseShape,
      Supplier<Seed> drawSeed) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("keras.random.dropout: rate must be in [0, 1], got "
          + rate);
    }
    // As Keras, rates 0 and 1 need no draw (a generator does not move on).
    if (rate == 0) {
      return op("dropout", () -> CoreOps.t(inputs));
    }
    if (rate == 1) {
      return Ops.zerosLike(inputs);
    }
    if (noiseShape != null && noiseShape.length != Ops.ndim(inputs)) {
      throw new IllegalArgumentException("keras.random.dropout: noise_shape "
          + Arrays.toString(noiseShape) + " needs one dimension per axis of the inputs, of shape "
          + Shapes.toKeras(Ops.shape(inputs)));
    }
    Seed seed = drawSeed.get();
    return op("dropout", () -> {
      var tf = CoreOps.tf();
      Tensor x = CoreOps.t(inputs);
      if (!x.dtype().isFloat()) {
        throw new IllegalArgumentException("keras.random.dropout takes floats, got "
            + x.dtype().kerasName() + "; cast the inputs first");
      }
      Operand<TNumber> value = CoreOps.any(x);
      Operand<TInt64> inputShape = tf.shape(value, TInt64.class);
      Operand<TInt64> maskShape = inputShape;
      if (noiseShape != null) {
        // -1 (None) takes the input's dimension, as Keras's _get_concrete_noise_shape.
        long[] given = noiseShape.clone();
        boolean[] fromInput = new boolean[given.length];
        for (int i = 0; i < given.length; i++) {
          fromInput[i] = given[i] < 0;
        }
        maskShape = tf.select(tf.constant(fromInput), inputShape, tf.constant(given));
      }
      // As TensorFlow's stateless_dropout: keep where uniform >= rate, x * 1 / (1 - rate).
      Operand<TNumber> uniform = tf.random.statelessRandomUniform(maskShape, seed.get(),
          x.dtype().typed());
      Operand<TNumber> scaledX = tf.math.mul(value, constant(1 / (1 - rate), x.dtype()));
      // SelectV2 broadcasts the mask against the inputs.
      return CoreOps.out(tf.select(tf.math.greaterEqual(uniform, constant(rate, x.dtype())),
          scaledX, constant(0.0, x.dtype())));
    });
  }

  /**
   * {@code keras.random.shuffle(x, axis, seed)}: {@code x} with its slices along {@code axis} in
   * a random order.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to shuffle (Keras's default 0)
   * @param seed the seed: the same order on every call
   * @return the shuffled values
   * @throws IllegalArgumentException if {@code axis} is out of range
   */
  public static KerasTensor shuffle(TensorLike x, int axis, long seed) {
    return shuffle(x, axis, seed(seed));
  }

  /**
   * {@code keras.random.shuffle(x, axis, seed)} with a generator.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to shuffle (Keras's default 0)
   * @param seed the generator: a new order on every call
   * @return the shuffled values
   * @throws IllegalArgumentException if {@code axis} is out of range
   */
  public static KerasTensor shuffle(TensorLike x, int axis, SeedGenerator seed) {
    return shuffle(x, axis, seed(seed));
  }

  private static KerasTensor shuffle(TensorLike x, int axis, Seed seed) {
    int a = CoreOps.axis(axis, Ops.ndim(x), "random.shuffle");
    return op("shuffle", () -> {
      var tf = CoreOps.tf();
      Operand<TType> value = CoreOps.any(CoreOps.t(x));
      // As Keras: gather the slices in the order that sorts uniform draws, one per slice (argsort
      // ascending is TensorFlow's top_k of the negated draws).
      Operand<TInt32> size = tf.gather(tf.shape(value), tf.constant(a), tf.constant(0));
      Operand<TFloat32> draws = tf.random.statelessRandomUniform(tf.reshape(size,
          tf.constant(new int[] {1})), seed.get());
      Operand<TInt32> order = tf.nn.topK(tf.math.neg(draws), size, new TopK.Options[0])
          .indices();
      return CoreOps.out(tf.gather(value, order, tf.constant(a)));
    });
  }

  /** {@code rnd * stddev + mean} in {@code dtype}, as TensorFlow's stateless normals. */
  private static Tensor scaled(Operand<TNumber> rnd, double stddev, double mean, DType dtype) {
    var tf = CoreOps.tf();
    return CoreOps.out(tf.math.add(tf.math.mul(rnd, constant(stddev, dtype)),
        constant(mean, dtype)));
  }

  private static Tensor cast(Operand<? extends TType> value, DType dtype) {
    return CoreOps.out(value.type() == dtype.type() ? value
        : CoreOps.tf().dtypes.cast(value, dtype.type()));
  }

  private static Operand<TNumber> constant(double value, DType dtype) {
    return CoreOps.any(CoreOps.t(value, dtype));
  }

  private static Operand<TNumber> constant(long value, DType dtype) {
    return CoreOps.any(CoreOps.t(value, dtype));
  }

  private static DType floatDType(String op, String dtype) {
    DType d = DType.of(dtype, "dtype");
    if (!d.isFloat()) {
      throw new IllegalArgumentException("keras.random." + op + " requires a floating point"
          + " dtype, got " + dtype);
    }
    return d;
  }

  private static void checkShape(String op, long[] shape) {
    if (Arrays.stream(shape).anyMatch(dim -> dim < 0)) {
      throw new IllegalArgumentException("keras.random." + op + ": dimensions must not be"
          + " negative, got " + Arrays.toString(shape));
    }
  }
}
