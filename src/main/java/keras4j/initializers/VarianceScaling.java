package keras4j.initializers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.backend.Eager;
import keras4j.utils.RandomSeed;
import org.tensorflow.framework.initializers.RandomNormal;
import org.tensorflow.framework.initializers.RandomUniform;
import org.tensorflow.framework.initializers.TruncatedNormal;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code VarianceScaling} initializer: values of variance {@code scale / n}, {@code n}
 * the weight's fan-in, fan-out or their average ({@code mode}), drawn from a normal truncated at
 * two standard deviations, a plain normal, or a uniform ({@code distribution}), with Keras's
 * formulas. EfficientNet's kernels start this way: {@code new VarianceScaling(2.0, "fan_out",
 * "truncated_normal")}.
 */
public final class VarianceScaling implements Initializer {
  private static final List<String> MODES = List.of("fan_in", "fan_out", "fan_avg");
  private static final List<String> DISTRIBUTIONS =
      List.of("truncated_normal", "untruncated_normal", "uniform");
  /** The standard deviation of a unit normal truncated to [-2, 2], which Keras divides by. */
  private static final double TRUNCATED_STDDEV = 0.87962566103423978;

  private final double scale;
  private final String mode;
  private final String distribution;

  /**
   * A variance-scaling initializer with Keras's arguments (Keras's defaults are {@code 1.0,
   * "fan_in", "truncated_normal"}); its draws follow {@code RandomSeed}.
   *
   * @param scale the variance's numerator, positive
   * @param mode {@code "fan_in"}, {@code "fan_out"} or {@code "fan_avg"}
   * @param distribution {@code "truncated_normal"}, {@code "untruncated_normal"} or {@code
   *     "uniform"}
   */
  public VarianceScaling(double scale, String mode, String distribution) {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("VarianceScaling scale must be positive, got " + scale);
    }
    if (!MODES.contains(mode)) {
      throw new IllegalArgumentException(
          "VarianceScaling mode must be one of " + MODES + ", got '" + mode + "'");
    }
    if (!DISTRIBUTIONS.contains(distribution)) {
      throw new IllegalArgumentException("VarianceScaling distribution must be one of "
          + DISTRIBUTIONS + ", got '" + distribution + "'");
    }
    this.scale = scale;
    this.mode = mode;
    this.distribution = distribution;
  }

  @Override
  public FloatNdArray create(Shape shape) {
    double[] fans = Initializers.fans(shape);
    double fan = switch (mode) {
      case "fan_in" -> fans[0];
      case "fan_out" -> fans[1];
      default -> (fans[0] + fans[1]) / 2;
    };
    double variance = scale / Math.max(1, fan);
    long seed = RandomSeed.next();
    org.tensorflow.framework.initializers.Initializer<TFloat32> draw = switch (distribution) {
      case "truncated_normal" ->
          new TruncatedNormal<>(0.0, Math.sqrt(variance) / TRUNCATED_STDDEV, seed);
      case "untruncated_normal" -> new RandomNormal<>(0.0, Math.sqrt(variance), seed);
      default -> new RandomUniform<>(-Math.sqrt(3 * variance), Math.sqrt(3 * variance), seed);
    };
    return Eager.initialize(draw, shape);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("scale", scale);
    config.put("mode", mode);
    config.put("distribution", distribution);
    config.put("seed", null);
    return Map.of("class_name", "VarianceScaling", "config", config);
  }
}
