package keras4j.initializers;

import java.util.Map;
import keras4j.core.SeedArg;

/**
 * Keras's {@code GlorotNormal(seed)}: truncated normal with {@code stddev = sqrt(2 / (fan_in + fan_out))}; {@code VarianceScaling(1.0, "fan_avg", "truncated_normal")}.
 */
public final class GlorotNormal extends VarianceScaling {
  /**
   * Keras's {@code GlorotNormal(seed)}.
   *
   * @param seed {@code seed(n)} or {@code seed(generator)}, or nothing
   */
  public GlorotNormal(SeedArg... seed) {
    super(1.0, "fan_avg", "truncated_normal", seed);
  }

  @Override
  public Map<String, Object> getConfig() {
    return serialized("GlorotNormal", axes());
  }
}
