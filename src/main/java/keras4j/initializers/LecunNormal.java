package keras4j.initializers;

import java.util.Map;
import keras4j.core.SeedArg;

/**
 * Keras's {@code LecunNormal(seed)}: truncated normal with {@code stddev = sqrt(1 / fan_in)}; {@code VarianceScaling(1.0, "fan_in", "truncated_normal")}.
 */
public final class LecunNormal extends VarianceScaling {
  /**
   * Keras's {@code LecunNormal(seed)}.
   *
   * @param seed {@code seed(n)} or {@code seed(generator)}, or nothing
   */
  public LecunNormal(SeedArg... seed) {
    super(1.0, "fan_in", "truncated_normal", seed);
  }

  @Override
  public Map<String, Object> getConfig() {
    return serialized("LecunNormal", axes());
  }
}
