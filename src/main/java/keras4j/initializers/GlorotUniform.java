package keras4j.initializers;

import java.util.Map;
import keras4j.core.SeedArg;

/**
 * Keras's {@code GlorotUniform(seed)}: uniform in {@code [-limit, limit]}, {@code limit = sqrt(6 / (fan_in + fan_out))}; {@code VarianceScaling(1.0, "fan_avg", "uniform")}.
 */
public final class GlorotUniform extends VarianceScaling {
  /**
   * Keras's {@code GlorotUniform(seed)}.
   *
   * @param seed {@code seed(n)} or {@code seed(generator)}, or nothing
   */
  public GlorotUniform(SeedArg... seed) {
    super(1.0, "fan_avg", "uniform", seed);
  }

  @Override
  public Map<String, Object> getConfig() {
    return serialized("GlorotUniform", axes());
  }
}
