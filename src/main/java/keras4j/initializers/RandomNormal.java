package keras4j.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import keras4j.core.SeedArg;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;

/** Keras's {@code RandomNormal(mean, stddev, seed)}: normal values. */
public final class RandomNormal extends RandomInitializer {
  private final double mean;
  private final double stddev;

  /**
   * Keras's {@code RandomNormal(mean, stddev, seed)}.
   *
   * @param mean the {@code mean} (Keras's default 0.0)
   * @param stddev the {@code stddev} (Keras's default 0.05)
   * @param seed {@code seed(n)} or {@code seed(generator)}, or nothing
   */
  public RandomNormal(double mean, double stddev, SeedArg... seed) {
    super(seed);
    this.mean = mean;
    this.stddev = stddev;
  }

  /**
   * Keras's defaults, {@code RandomNormal(0.0, 0.05)}.
   *
   * @param seed {@code seed(n)} or {@code seed(generator)}, or nothing
   */
  public RandomNormal(SeedArg... seed) {
    this(0.0, 0.05, seed);
  }

  @Override
  public FloatNdArray create(Shape shape) {
    return now(() -> normal(shape, mean, stddev));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("mean", mean);
    config.put("stddev", stddev);
    return serialized("RandomNormal", config);
  }
}
