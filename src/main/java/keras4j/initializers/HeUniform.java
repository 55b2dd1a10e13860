package keras4j.initializers;

import java.util.Map;
import keras4j.core.SeedArg;

/**
 * Keras's {@code HeUniform(seed)}: uniform in {@code [-limit, limit]}, {@code limit = sqrt(6 / fan_in)}; {@code VarianceScaling(2.0, "fan_in", "uniform")}.
 */
public final class HeUniform extends VarianceScaling {
  /**
   * Keras's {@code HeUniform(seed)}.
   *
   * @param seed {@code seed(n)} or {@code seed(generator)}, or nothing
   */
  public HeUniform(SeedArg... seed) {
    super(2.0, "fan_in", "uniform", seed);
  }

  @Override
  public Map<String, Object> getConfig() {
    return serialized("HeUniform", axes());
  }
}
