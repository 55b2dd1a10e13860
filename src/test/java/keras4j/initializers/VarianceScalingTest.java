package keras4j.initializers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;

/**
 * VarianceScaling's draws have Keras's spread (its formulas, worked by hand here), bounds and
 * config; statistics only, since keras4j's random numbers are not Keras's.
 */
class VarianceScalingTest {
  /** A 3x3 convolution kernel from 64 to 256 channels: fan-in 576, fan-out 2304. */
  private static final Shape KERNEL = Shape.of(3, 3, 64, 256);

  private static double[] meanStdMaxAbs(FloatNdArray values) {
    double[] sums = new double[3];
    values.scalars().forEach(s -> {
      double v = s.getFloat();
      sums[0] += v;
      sums[1] += v * v;
      sums[2] = Math.max(sums[2], Math.abs(v));
    });
    double n = values.shape().size();
    return new double[] {sums[0] / n, Math.sqrt(sums[1] / n - sums[0] * sums[0] / n / n), sums[2]};
  }

  @Test
  void truncatedNormalFanOutHasKerasSpreadAndTwoSigmaBound() {
    // EfficientNet's conv kernels: variance 2 / 2304, truncated at 2 sigma of the untruncated
    // normal, whose sigma Keras divides by 0.8796 so that the truncated one keeps the variance.
    double[] stats = meanStdMaxAbs(new VarianceScaling(2.0, "fan_out", "truncated_normal")
        .create(KERNEL));
    double std = Math.sqrt(2.0 / 2304);
    assertEquals(0, stats[0], std * 0.02);
    assertEquals(std, stats[1], std * 0.02);
    assertTrue(stats[2] <= 2 * std / 0.87962566103423978 + 1e-7, "max |value| " + stats[2]);
  }

  @Test
  void uniformFanAvgAndUntruncatedFanInHaveKerasSpread() {
    // Uniform on +-sqrt(3 * scale / fan): fan_avg of 576 and 2304 is 1440.
    double limit = Math.sqrt(3 * (1.0 / 3) / 1440);
    double[] uniform = meanStdMaxAbs(new VarianceScaling(1.0 / 3, "fan_avg", "uniform")
        .create(KERNEL));
    assertEquals(limit / Math.sqrt(3), uniform[1], limit * 0.02);
    assertTrue(uniform[2] <= limit && uniform[2] > 0.99 * limit, "max |value| " + uniform[2]);
    double[] normal = meanStdMaxAbs(new VarianceScaling(1.0, "fan_in", "untruncated_normal")
        .create(KERNEL));
    assertEquals(Math.sqrt(1.0 / 576), normal[1], Math.sqrt(1.0 / 576) * 0.02);
    assertTrue(normal[2] > 3 * Math.sqrt(1.0 / 576), "untruncated: tails beyond 3 sigma");
  }

  @Test
  @SuppressWarnings("unchecked")
  void configIsKerasAndBadArgumentsAreRefused() {
    Map<String, Object> config = new VarianceScaling(2.0, "fan_out", "truncated_normal")
        .getConfig();
    assertEquals("VarianceScaling", config.get("class_name"));
    Map<String, Object> inner = (Map<String, Object>) config.get("config");
    assertEquals(2.0, inner.get("scale"));
    assertEquals("fan_out", inner.get("mode"));
    assertEquals("truncated_normal", inner.get("distribution"));
    assertThrows(IllegalArgumentException.class, () -> new VarianceScaling(0, "fan_in", "uniform"));
    IllegalArgumentException mode = assertThrows(IllegalArgumentException.class,
        () -> new VarianceScaling(1, "fan", "uniform"));
    assertTrue(mode.getMessage().contains("fan_in"), mode.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new VarianceScaling(1, "fan_in", "normal"));
  }
}
