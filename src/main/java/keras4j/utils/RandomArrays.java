package keras4j.utils;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Random arrays from a seeded generator, in the manner of {@code numpy.random}: the same seed
 * gives the same arrays, call after call, so examples and tests are reproducible. The numbers
 * differ from NumPy's, whose generator is another one.
 *
 * <p>An instance is not thread-safe; give each thread its own.
 */
public final class RandomArrays {

  private final SplittableRandom random;

  /**
   * Creates a generator.
   *
   * @param seed the seed: equal seeds give equal sequences of arrays
   */
  public RandomArrays(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * Draws float32 values uniformly from [0, 1), as {@code numpy.random.rand}.
   *
   * @param shape the dimensions of the result
   * @return the values
   * @throws IllegalArgumentException when a dimension is negative
   */
  public FloatNdArray rand(long... shape) {
    return floats(shape, random::nextFloat);
  }

  /**
   * Draws float32 values from a normal (Gaussian) distribution, as {@code numpy.random.normal}.
   *
   * @param mean the mean of the distribution
   * @param stddev its standard deviation, not negative
   * @param shape the dimensions of the result
   * @return the values
   * @throws IllegalArgumentException when {@code stddev} or a dimension is negative
   */
  public FloatNdArray normal(float mean, float stddev, long... shape) {
    if (!(stddev >= 0)) {
      throw new IllegalArgumentException("stddev must not be negative, got " + stddev);
    }
    return floats(shape, () -> mean + stddev * random.nextGaussian());
  }

  /**
   * Draws integers uniformly from [low, high), as {@code numpy.random.randint}: {@code high} is
   * excluded.
   *
   * @param low the smallest value that may be drawn
   * @param high one more than the largest value that may be drawn
   * @param shape the dimensions of the result
   * @return the values
   * @throws IllegalArgumentException when {@code low >= high}, or a dimension is negative
   */
  public IntNdArray randint(int low, int high, long... shape) {
    if (low >= high) {
      throw new IllegalArgumentException("low must be below high, got " + low + " >= " + high);
    }
    Shape checked = checkedShape(shape);
    int[] values = new int[(int) checked.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextInt(low, high);
    }
    return NdArrays.wrap(checked, DataBuffers.of(values, false, false));
  }

  private static FloatNdArray floats(long[] shape, DoubleSupplier next) {
    Shape checked = checkedShape(shape);
    float[] values = new float[(int) checked.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) next.getAsDouble();
    }
    return NdArrays.wrap(checked, DataBuffers.of(values, false, false));
  }

  private static Shape checkedShape(long[] shape) {
    if (Arrays.stream(shape).anyMatch(dim -> dim < 0)) {
      throw new IllegalArgumentException("dimensions must not be negative: "
          + Arrays.toString(shape));
    }
    Shape checked = Shape.of(shape);
    if (checked.size() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("shape " + checked + " has too many values for one array");
    }
    return checked;
  }
}
