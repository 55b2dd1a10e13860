package keras4j.initializers;

import java.util.List;
import java.util.Map;
import keras4j.backend.Eager;
import keras4j.utils.RandomSeed;
import org.tensorflow.framework.initializers.Glorot;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.framework.initializers.He;
import org.tensorflow.framework.initializers.LeCun;
import org.tensorflow.framework.initializers.Ones;
import org.tensorflow.framework.initializers.RandomNormal;
import org.tensorflow.framework.initializers.RandomUniform;
import org.tensorflow.framework.initializers.VarianceScaling.Distribution;
import org.tensorflow.framework.initializers.Zeros;
import org.tensorflow.types.TFloat32;

/**
 * Keras's initializers by name, computed by TensorFlow Java's framework initializers (seeded from
 * {@link RandomSeed}, so {@code RandomSeed.set(n)} makes weights reproducible).
 */
public final class Initializers {
  /** The names accepted wherever Keras takes an initializer name. */
  public static final List<String> NAMES =
      List.of(
          "glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "lecun_uniform",
          "lecun_normal", "zeros", "ones", "random_normal", "random_uniform", "uniform",
          "orthogonal");

  private Initializers() {}

  /**
   * The initializer called {@code name}.
   *
   * @param name the Keras name, e.g. {@code "glorot_uniform"}, {@code "he_normal"}, {@code "zeros"}
   * @return a new initializer with Keras's default settings
   */
  public static Initializer get(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException(
          "Unknown initializer '" + name + "'. Valid names: " + NAMES);
    }
    // Keras's alias: "uniform" is RandomUniform(-0.05, 0.05), Embedding's default.
    String className = toClassName(name.equals("uniform") ? "random_uniform" : name);
    return new Initializer() {
      @Override
      public FloatNdArray create(Shape shape) {
        return name.equals("orthogonal") ? Orthogonal.create(shape, RandomSeed.next())
            : Eager.initialize(framework(name, shape, RandomSeed.next()), shape);
      }

      @Override
      public Map<String, Object> getConfig() {
        return Map.of("class_name", className, "config", Map.of());
      }
    };
  }

  private static org.tensorflow.framework.initializers.Initializer<TFloat32> framework(
      String name, Shape shape, long seed) {
    return switch (name) {
      case "glorot_uniform" -> varianceScalingUniform(1, fanAverage(shape), seed);
      case "glorot_normal" -> new Glorot<>(Distribution.TRUNCATED_NORMAL, seed);
      case "he_uniform" -> varianceScalingUniform(2, fans(shape)[0], seed);
      case "he_normal" -> new He<>(Distribution.TRUNCATED_NORMAL, seed);
      case "lecun_uniform" -> varianceScalingUniform(1, fans(shape)[0], seed);
      case "lecun_normal" -> new LeCun<>(Distribution.TRUNCATED_NORMAL, seed);
      case "zeros" -> new Zeros<>();
      case "ones" -> new Ones<>();
      // Keras 3 defaults: stddev 0.05 and range [-0.05, 0.05].
      case "random_normal" -> new RandomNormal<>(0.0, 0.05, seed);
      case "random_uniform", "uniform" -> new RandomUniform<>(-0.05, 0.05, seed);
      default -> throw new AssertionError(name);
    };
  }

  /**
   * Keras's variance-scaling uniform draw, U(-limit, limit) with limit = sqrt(3 * scale / fan).
   * TF Java 1.0.0's framework VarianceScaling draws from [0, limit) instead (measured: mean limit /
   * 2), so the uniform variants use its RandomUniform with keras4j's own limit.
   */
  private static RandomUniform<TFloat32> varianceScalingUniform(double scale, double fan, long seed) {
    double limit = Math.sqrt(3 * scale / Math.max(1, fan));
    return new RandomUniform<>(-limit, limit, seed);
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
    double receptiveField = 1;
    for (int i = 0; i < dims.length - 2; i++) {
      receptiveField *= dims[i];
    }
    return new double[] {
      dims[dims.length - 2] * receptiveField, dims[dims.length - 1] * receptiveField
    };
  }

  private static double fanAverage(Shape shape) {
    double[] fans = fans(shape);
    return (fans[0] + fans[1]) / 2;
  }

  private static String toClassName(String name) {
    StringBuilder out = new StringBuilder();
    for (String part : name.split("_")) {
      out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return out.toString();
  }
}
