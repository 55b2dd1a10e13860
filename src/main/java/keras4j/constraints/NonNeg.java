package keras4j.constraints;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;

/** Keras's {@code NonNeg}: negative weights set to zero, {@code maximum(w, 0)}. */
public final class NonNeg implements Constraint {
  /** The constraint (it has no settings). */
  public NonNeg() {}

  @Override
  public KerasTensor apply(KerasTensor w) {
    return Ops.maximum(w, 0f);
  }

  @Override
  public Map<String, Object> getConfig() {
    return Map.of("class_name", "NonNeg", "config", Map.of());
  }
}
