package keras4j.initializers;

import java.util.List;
import java.util.Map;
import keras4j.backend.Eager;
import keras4j.utils.RandomSeed;
import org.tensorflow.framework.initializers.Glorot;
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
          "lecun_normal", "zeros", "ones", "random_normal", "random_uniform");

  private Initializers() {}

  /** The initializer called {@code name}. */
  public static Initializer get(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException(
          "Unknown initializer '" + name + "'. Valid names: " + NAMES);
    }
    String className = toClassName(name);
    return new Initializer() {
      @Override
      public org.tensorflow.ndarray.FloatNdArray create(org.tensorflow.ndarray.Shape shape) {
        return Eager.initialize(framework(name, RandomSeed.next()), shape);
      }

      @Override
      public Map<String, Object> getConfig() {
        return Map.of("class_name", className, "config", Map.of());
      }
    };
  }

  private static org.tensorflow.framework.initializers.Initializer<TFloat32> framework(
      String name, long seed) {
    return switch (name) {
      case "glorot_uniform" -> new Glorot<>(Distribution.UNIFORM, seed);
      case "glorot_normal" -> new Glorot<>(Distribution.TRUNCATED_NORMAL, seed);
      case "he_uniform" -> new He<>(Distribution.UNIFORM, seed);
      case "he_normal" -> new He<>(Distribution.TRUNCATED_NORMAL, seed);
      case "lecun_uniform" -> new LeCun<>(Distribution.UNIFORM, seed);
      case "lecun_normal" -> new LeCun<>(Distribution.TRUNCATED_NORMAL, seed);
      case "zeros" -> new Zeros<>();
      case "ones" -> new Ones<>();
      // Keras 3 defaults: stddev 0.05 and range [-0.05, 0.05].
      case "random_normal" -> new RandomNormal<>(0.0, 0.05, seed);
      case "random_uniform" -> new RandomUniform<>(-0.05, 0.05, seed);
      default -> throw new AssertionError(name);
    };
  }

  private static String toClassName(String name) {
    StringBuilder out = new StringBuilder();
    for (String part : name.split("_")) {
      out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return out.toString();
  }
}
