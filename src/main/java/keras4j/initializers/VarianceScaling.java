package keras4j.initializers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.core.SeedArg;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;

/**
 * Keras's {@code VarianceScaling(scale, mode, distribution, seed)}: with {@code n} the fan-in,
 * fan-out or their average ({@code mode} {@code "fan_in"}, {@code "fan_out"}, {@code
 * "fan_avg"}), draws from a normal truncated at two standard deviations with {@code stddev =
 * sqrt(scale / n) / 0.87962566103423978} (so that the truncated values have {@code sqrt(scale /
 * n)}), an untruncated normal with {@code stddev = sqrt(scale / n)}, or {@code U(-limit, limit)}
 * with {@code limit = sqrt(3 * scale / n)}. The Glorot, He and Lecun initializers are its special
 * cases.
 */
public class VarianceScaling extends RandomInitializer {
  private static final List<String> MODES = List.of("fan_in", "fan_out", "fan_avg");
  private static final List<String> DISTRIBUTIONS =
      List.of("truncated_normal", "untruncated_normal", "uniform");

  private final double scale;
  private final String mode;
  private final String distribution;

  /**
   * Keras's {@code VarianceScaling(scale, mode, distribution, seed)}.
   *
   * @param scale the scaling factor, positive (Keras's default 1)
   * @param mode {@code "fan_in"} (Keras's default), {@code "fan_out"} or {@code "fan_avg"}
   * @param distribution {@code "truncated_normal"} (Keras's default; {@code "normal"} is an
   *     alias), {@code "untruncated_normal"} or {@code "uniform"}
   * @param seed {@code seed(n)} or {@code seed(generator)}, or nothing
   * @throws IllegalArgumentException if an argument is not one Keras takes
   */
  public VarianceScaling(double scale, String mode, String distribution, SeedArg... seed) {
    super(seed);
    if (!(scale > 0)) {
      throw new IllegalArgumentException("VarianceScaling: scale must be positive, got " + scale);
    }
    if (!MODES.contains(mode)) {
      throw new IllegalArgumentException("VarianceScaling: invalid mode '" + mode + "'; use one"
          + " of " + MODES);
    }
    String d = distribution.toLowerCase(java.util.Locale.ROOT);
    d = d.equals("normal") ? "truncated_normal" : d;
    if (!DISTRIBUTIONS.contains(d)) {
      throw new IllegalArgumentException("VarianceScaling: invalid distribution '" + distribution
          + "'; use one of " + DISTRIBUTIONS);
    }
    this.scale = scale;
    this.mode = mode;
    this.distribution = d;
  }

  /**
   * Keras's defaults: {@code VarianceScaling(1.0, "fan_in", "truncated_normal")}.
   *
   * @param seed {@code seed(n)} or {@code seed(generator)}, or nothing
   */
  public VarianceScaling(SeedArg... seed) {
    this(1.0, "fan_in", "truncated_normal", seed);
  }

  @Override
  public FloatNdArray create(Shape shape) {
    double[] fans = fans(shape);
    double n = switch (mode) {
      case "fan_in" -> fans[0];
      case "fan_out" -> fans[1];
      default -> (fans[0] + fans[1]) / 2;
    };
    double scaled = scale / Math.max(1, n);
    return now(() -> switch (distribution) {
      case "truncated_normal" -> truncatedNormal(shape, 0, Math.sqrt(scaled) / 0.87962566103423978);
      case "untruncated_normal" -> normal(shape, 0, Math.sqrt(scaled));
      default -> uniform(shape, -Math.sqrt(3 * scaled), Math.sqrt(3 * scaled));
    });
  }

  /** Keras's {@code compute_fans}: fan-in and fan-out of a weight shape. */
  static double[] fans(Shape shape) {
    long[] dims = shape.asArray();
    if (dims.length == 0) {
      return new double[] {1, 1};
    }
    if (dims.length == 1) {
      return new double[] {dims[0], dims[0]};
    }
    // Convolution kernels (..., input_depth, depth): the receptive field multiplies both.
    double receptiveField = 1;
    for (int i = 0; i < dims.length - 2; i++) {
      receptiveField *= dims[i];
    }
    return new double[] {
      dims[dims.length - 2] * receptiveField, dims[dims.length - 1] * receptiveField
    };
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("scale", scale);
    config.put("mode", mode);
    config.put("distribution", distribution);
    config.putAll(axes());
    return serialized("VarianceScaling", config);
  }

  /**
   * Keras 3's {@code input_axes} and {@code output_axes}, null: the fans of {@link #fans}.
   *
   * @return the two entries, in Keras's order
   */
  protected static Map<String, Object> axes() {
    Map<String, Object> axes = new LinkedHashMap<>();
    axes.put("input_axes", null);
    axes.put("output_axes", null);
    return axes;
  }
}
