package keras4j.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import keras4j.core.SeedArg;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;

/** Keras's {@code RandomUniform(minval, maxval, seed)}: uniform values in {@code [minval, maxval)}. */
public final class RandomUniform extends RandomInitializer {
  private final double minval;
  private final double maxval;

  /**
   * Keras's {@code RandomUniform(minval, maxval, seed)}.
   *
   * @param minval the {@code minval} (Keras's default -0.05)
   * @param maxval the {@code maxval} (Keras's default 0.05)
   * @param seed {@code seed(n)} or {@code seed(generator)}, or nothing
   */
  public RandomUniform(double minval, double maxval, SeedArg... seed) {
    super(seed);
    this.minval = minval;
    this.maxval = maxval;
  }

  /**
   * Keras's defaults, {@code RandomUniform(-0.05, 0.05)}.
   *
   * @param seed {@code seed(n)} or {@code seed(generator)}, or nothing
   */
  public RandomUniform(SeedArg... seed) {
    this(-0.05, 0.05, seed);
  }

  @Override
  public FloatNdArray create(Shape shape) {
    return now(() -> uniform(shape, minval, maxval));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("minval", minval);
    config.put("maxval", maxval);
    return serialized("RandomUniform", config);
  }
}
