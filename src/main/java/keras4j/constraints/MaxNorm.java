package keras4j.constraints;

import java.util.LinkedHashMap;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;

/**
 * Keras's {@code MaxNorm}: the weights along {@code axis} (each unit's incoming weights) scaled
 * down to a norm of at most {@code maxValue}: {@code w * clip(norms, 0, maxValue) / (1e-7 +
 * norms)}.
 */
public final class MaxNorm implements Constraint {
  private final double maxValue;
  private final int[] axis;

  /** Keras's defaults: {@code max_value=2}, {@code axis=0}. */
  public MaxNorm() {
    this(2);
  }

  /**
   * A maximum norm over axis 0 (a Dense kernel's inputs).
   *
   * @param maxValue the largest norm allowed
   */
  public MaxNorm(double maxValue) {
    this(maxValue, 0);
  }

  /**
   * A maximum norm over {@code axis}.
   *
   * @param maxValue the largest norm allowed
   * @param axis the axes of the norms: 0 for a Dense kernel, {@code 0, 1, 2} for a Conv2D kernel
   */
  public MaxNorm(double maxValue, int... axis) {
    this.maxValue = maxValue;
    this.axis = Norms.axes("MaxNorm", axis);
  }

  @Override
  public KerasTensor apply(KerasTensor w) {
    KerasTensor norms = Norms.of(w, axis);
    return Norms.rescale(w, Ops.clip(norms, 0, maxValue), norms);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("max_value", maxValue);
    config.put("axis", Norms.config(axis));
    return Map.of("class_name", "MaxNorm", "config", config);
  }
}
