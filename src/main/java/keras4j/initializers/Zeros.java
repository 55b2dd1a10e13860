package keras4j.initializers;

import java.util.Map;

/** Keras's {@code Zeros()}: every value 0. */
public final class Zeros extends Constant {
  /** Keras's {@code Zeros()}. */
  public Zeros() {
    super(0);
  }

  @Override
  public Map<String, Object> getConfig() {
    return Initializers.serialized("Zeros", Map.of());
  }
}
