package keras4j.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import keras4j.core.SeedArg;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;

/** Keras's {@code TruncatedNormal(mean, stddev, seed)}: normal values, those more than two standard deviations from the mean drawn again. */
public final class TruncatedNormal extends RandomInitializer {
  private final double mean;
  private final double stddev;

  /**
   * Keras's {@code TruncatedNormal(mean, stddev, seed)}.
   *
   * @param mean the {@code mean} (Keras's default 0.0)
   * @param stddev the {@code stddev} (Keras's default 0.05)
   * @param seed {@code seed(n)} or {@code seed(generator)}, or nothing
   */
  public TruncatedNormal(double mean, double stddev, SeedArg... seed) {
    super(seed);
    this.mean = mean;
    this.stddev = stddev;
  }

  /**
   * Keras's defaults, {@code TruncatedNormal(0.0, 0.05)}.
   *
   * @param seed {@code seed(n)} or {@code seed(generator)}, or nothing
   */
  public TruncatedNormal(SeedArg... seed) {
    this(0.0, 0.05, seed);
  }

  @Override
  public FloatNdArray create(Shape shape) {
    return now(() -> truncatedNormal(shape, mean, stddev));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("mean", mean);
    config.put("stddev", stddev);
    return serialized("TruncatedNormal", config);
  }
}
