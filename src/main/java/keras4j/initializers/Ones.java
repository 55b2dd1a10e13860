package keras4j.initializers;

import java.util.Map;

/** Keras's {@code Ones()}: every value 1. */
public final class Ones extends Constant {
  /** Keras's {@code Ones()}. */
  public Ones() {
    super(1);
  }

  @Override
  public Map<String, Object> getConfig() {
    return Initializers.serialized("Ones", Map.of());
  }
}
