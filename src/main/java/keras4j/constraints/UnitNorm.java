package keras4j.constraints;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;

/**
 * Keras's {@code UnitNorm}: the weights along {@code axis} divided by their norm, {@code w /
 * (1e-7 + norms)}.
 */
public final class UnitNorm implements Constraint {
  private final int[] axis;

  /**
   * Unit norms over {@code axis}; Keras's default is axis 0.
   *
   * @param axis the axes of the norms: 0 for a Dense kernel, {@code 0, 1, 2} for a Conv2D kernel;
   *     none for Keras's default 0
   */
  public UnitNorm(int... axis) {
    this.axis = axis.length == 0 ? new int[] {0} : axis.clone();
  }

  @Override
  public KerasTensor apply(KerasTensor w) {
    return Ops.divide(w, Ops.add(Norms.of(w, axis), Norms.EPSILON));
  }

  @Override
  public Map<String, Object> getConfig() {
    return Map.of("class_name", "UnitNorm", "config", Map.of("axis", Norms.config(axis)));
  }
}
