package keras4j.tf;

import keras4j.core.KerasTensor;
import keras4j.backend.CoreBridge;
import keras4j.backend.Kernels;
import keras4j.backend.Tensor;
import keras4j.backend.Trace;
import keras4j.utils.RandomArrays;
import keras4j.utils.RandomSeed;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code tf.random}, reached as {@code TF.random}. Outside a traced function the values are drawn
 * now, as an eager tensor (initial values of variables); inside one, the op draws new values on
 * every call (noise in a GAN step). Without an explicit seed, the seed comes from {@link
 * RandomSeed}, so {@code RandomSeed.set(42)} makes a script reproducible, as {@code
 * keras.utils.set_random_seed} does. The numbers differ from TensorFlow's.
 */
public final class RandomOps {
  RandomOps() {}

  /**
   * {@code tf.random.normal(shape)}: mean 0, standard deviation 1.
   *
   * @param shape the dimensions of the result
   * @return a float32 tensor of random values
   */
  public KerasTensor normal(long... shape) {
    return normal(shape, 0f, 1f);
  }

  /**
   * {@code tf.random.normal(shape, mean, stddev)}.
   *
   * @param shape the dimensions of the result
   * @param mean the mean of the distribution
   * @param stddev the standard deviation of the distribution, positive
   * @return a float32 tensor of random values
   */
  public KerasTensor normal(long[] shape, float mean, float stddev) {
    return normal(shape, mean, stddev, RandomSeed.next());
  }

  /**
   * {@code tf.random.normal(shape, mean, stddev, seed=seed)}.
   *
   * @param shape the dimensions of the result
   * @param mean the mean of the distribution
   * @param stddev the standard deviation of the distribution, positive
   * @param seed the random seed, for the same values on every run
   * @return a float32 tensor of random values
   */
  public KerasTensor normal(long[] shape, float mean, float stddev, long seed) {
    if (!(stddev >= 0)) {
      throw new IllegalArgumentException("stddev must not be negative, got " + stddev);
    }
    Trace trace = Trace.currentOrNull();
    if (trace == null) {
      return KerasTensor.constant(new RandomArrays(seed).normal(mean, stddev, shape));
    }
    Ops tf = trace.tf();
    Operand<TFloat32> standard = Kernels.standardNormal(tf, shape, seed);
    return CoreBridge.kerasTensor(new Tensor(trace.graph(), scaled(tf, standard, stddev, mean)));
  }

  /**
   * {@code tf.random.uniform(shape)}: values in [0, 1).
   *
   * @param shape the dimensions of the result
   * @return a float32 tensor of random values
   */
  public KerasTensor uniform(long... shape) {
    return uniform(shape, 0f, 1f);
  }

  /**
   * {@code tf.random.uniform(shape, minval, maxval)}: values in [minval, maxval).
   *
   * @param shape the dimensions of the result
   * @param minval the lower bound (inclusive)
   * @param maxval the upper bound (exclusive), above {@code minval}
   * @return a float32 tensor of random values
   */
  public KerasTensor uniform(long[] shape, float minval, float maxval) {
    return uniform(shape, minval, maxval, RandomSeed.next());
  }

  /**
   * {@code tf.random.uniform(shape, minval, maxval, seed=seed)}.
   *
   * @param shape the dimensions of the result
   * @param minval the lower bound (inclusive)
   * @param maxval the upper bound (exclusive), above {@code minval}
   * @param seed the random seed, for the same values on every run
   * @return a float32 tensor of random values
   */
  public KerasTensor uniform(long[] shape, float minval, float maxval, long seed) {
    if (!(maxval > minval)) {
      throw new IllegalArgumentException(
          "maxval must be above minval, got minval=" + minval + ", maxval=" + maxval);
    }
    Trace trace = Trace.currentOrNull();
    if (trace == null) {
      FloatNdArray unit = new RandomArrays(seed).rand(shape);
      unit.scalars().forEach(s -> s.setFloat(minval + (maxval - minval) * s.getFloat()));
      return KerasTensor.constant(unit);
    }
    Ops tf = trace.tf();
    Operand<TFloat32> unit = Kernels.uniform(tf, shape, seed);
    return CoreBridge.kerasTensor(new Tensor(trace.graph(), scaled(tf, unit, maxval - minval, minval)));
  }

  private static Operand<TFloat32> scaled(Ops tf, Operand<TFloat32> x, float scale, float shift) {
    return tf.math.add(tf.math.mul(x, tf.constant(scale)), tf.constant(shift));
  }
}
