package keras4j.utils;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;

class RandomArraysTest {

  @Test
  void randIsUniformInUnitIntervalWithTheGivenShape() {
    FloatNdArray values = new RandomArrays(1).rand(100, 100);
    assertEquals(Shape.of(100, 100), values.shape());
    float[] flat = flat(values);
    double sum = 0;
    for (float v : flat) {
      assertTrue(v >= 0 && v < 1, "in [0, 1): " + v);
      sum += v;
    }
    assertEquals(0.5, sum / flat.length, 0.01);
  }

  @Test
  void normalHasTheGivenMeanAndStddev() {
    float[] flat = flat(new RandomArrays(2).normal(3f, 2f, 100_000));
    double sum = 0;
    double squares = 0;
    for (float v : flat) {
      sum += v;
      squares += v * v;
    }
    double mean = sum / flat.length;
    assertEquals(3.0, mean, 0.03);
    assertEquals(2.0, Math.sqrt(squares / flat.length - mean * mean), 0.03);
  }

  @Test
  void randintStaysInItsHalfOpenRangeAndReachesBothEnds() {
    IntNdArray values = new RandomArrays(3).randint(-2, 3, 10, 100);
    assertEquals(Shape.of(10, 100), values.shape());
    int[] counts = new int[5];
    for (int[] row : StdArrays.array2dCopyOf(values)) {
      for (int v : row) {
        assertTrue(v >= -2 && v < 3, "in [-2, 3): " + v);
        counts[v + 2]++;
      }
    }
    for (int count : counts) {
      assertTrue(count > 0, "every value is drawn");
    }
  }

  @Test
  void sameSeedSameArraysOtherSeedOthers() {
    RandomArrays a = new RandomArrays(42);
    RandomArrays b = new RandomArrays(42);
    assertArrayEquals(flat(a.rand(50)), flat(b.rand(50)));
    assertArrayEquals(flat(a.normal(0, 1, 50)), flat(b.normal(0, 1, 50)));
    assertArrayEquals(StdArrays.array1dCopyOf(a.randint(0, 10, 50)),
        StdArrays.array1dCopyOf(b.randint(0, 10, 50)));
    assertFalse(Arrays.equals(
        flat(new RandomArrays(42).rand(50)), flat(new RandomArrays(43).rand(50))));
  }

  @Test
  void rejectsBadArguments() {
    RandomArrays random = new RandomArrays(0);
    assertThrows(IllegalArgumentException.class, () -> random.randint(5, 5, 3));
    assertThrows(IllegalArgumentException.class, () -> random.normal(0, -1, 3));
    assertThrows(IllegalArgumentException.class, () -> random.rand(2, -1));
  }

  private static float[] flat(FloatNdArray array) {
    float[] values = new float[(int) array.size()];
    array.copyTo(DataBuffers.of(values, false, false));
    return values;
  }
}
