package keras4j.initializers;

import java.util.Map;
import keras4j.core.SeedArg;

/**
 * Keras's {@code LecunUniform(seed)}: uniform in {@code [-limit, limit]}, {@code limit = sqrt(3 / fan_in)}; {@code VarianceScaling(1.0, "fan_in", "uniform")}.
 */
public final class LecunUniform extends VarianceScaling {
  /**
   * Keras's {@code LecunUniform(seed)}.
   *
   * @param seed {@code seed(n)} or {@code seed(generator)}, or nothing
   */
  public LecunUniform(SeedArg... seed) {
    super(1.0, "fan_in", "uniform", seed);
  }

  @Override
  public Map<String, Object> getConfig() {
    return serialized("LecunUniform", axes());
  }
}
