package keras4j.initializers;

import java.util.Map;
import keras4j.core.SeedArg;

/**
 * Keras's {@code HeNormal(seed)}: truncated normal with {@code stddev = sqrt(2 / fan_in)}; {@code VarianceScaling(2.0, "fan_in", "truncated_normal")}.
 */
public final class HeNormal extends VarianceScaling {
  /**
   * Keras's {@code HeNormal(seed)}.
   *
   * @param seed {@code seed(n)} or {@code seed(generator)}, or nothing
   */
  public HeNormal(SeedArg... seed) {
    super(2.0, "fan_in", "truncated_normal", seed);
  }

  @Override
  public Map<String, Object> getConfig() {
    return serialized("HeNormal", axes());
  }
}
