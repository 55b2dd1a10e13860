package keras4j.constraints;

import java.util.LinkedHashMap;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;

/**
 * Keras's {@code MinMaxNorm}: the weights along {@code axis} rescaled towards a norm in
 * {@code [minValue, maxValue]}, to {@code rate * clip(norm, minValue, maxValue) + (1 - rate) *
 * norm} (rate 1 enforces the bounds at once, a smaller rate moves towards them each step).
 */
public final class MinMaxNorm implements Constraint {
  private final double minValue;
  private final double maxValue;
  private final double rate;
  private final int[] axis;

  /** Keras's defaults: {@code min_value=0}, {@code max_value=1}, {@code rate=1}, {@code axis=0}. */
  public MinMaxNorm() {
    this(0, 1);
  }

  /**
   * Bounds enforced at once, over axis 0 (a Dense kernel's inputs).
   *
   * @param minValue the smallest norm allowed
   * @param maxValue the largest norm allowed
   */
  public MinMaxNorm(double minValue, double maxValue) {
    this(minValue, maxValue, 1, 0);
  }

  /**
   * Bounds over {@code axis}, enforced at {@code rate}.
   *
   * @param minValue the smallest norm allowed
   * @param maxValue the largest norm allowed
   * @param rate how far each step moves the norm into the bounds, 1 for all the way
   * @param axis the axes of the norms: 0 for a Dense kernel, {@code 0, 1, 2} for a Conv2D kernel
   */
  public MinMaxNorm(double minValue, double maxValue, double rate, int... axis) {
    this.minValue = minValue;
    this.maxValue = maxValue;
    this.rate = rate;
    this.axis = Norms.axes("MinMaxNorm", axis);
  }

  @Override
  public KerasTensor apply(KerasTensor w) {
    KerasTensor norms = Norms.of(w, axis);
    KerasTensor desired = Ops.add(Ops.multiply(Ops.clip(norms, minValue, maxValue), (float) rate),
        Ops.multiply(norms, (float) (1 - rate)));
    return Norms.rescale(w, desired, norms);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("min_value", minValue);
    config.put("max_value", maxValue);
    config.put("rate", rate);
    config.put("axis", Norms.config(axis));
    return Map.of("class_name", "MinMaxNorm", "config", config);
  }
}
