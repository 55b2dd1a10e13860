package keras4j.regularizers;

import java.util.Map;
import keras4j.core.KerasTensor;

/**
 * {@code l1 * sum(|w|) + l2 * sum(w^2)}, Keras's {@code L1L2}; {@link #l1}, {@link #l2} and
 * {@link #l1L2} read like Keras's {@code regularizers.l2(0.01)}.
 */
public final class L1L2 implements Regularizer {
  private final float l1;
  private final float l2;

  /**
   * A penalty with both factors.
   *
   * @param l1 the factor of the L1 penalty {@code l1 * sum(|w|)}, non-negative (0 for none)
   * @param l2 the factor of the L2 penalty {@code l2 * sum(w^2)}, non-negative (0 for none)
   */
  public L1L2(double l1, double l2) {
    if (l1 < 0 || l2 < 0) {
      throw new IllegalArgumentException("Regularization factors must be >= 0, got " + l1 + ", " + l2);
    }
    this.l1 = (float) l1;
    this.l2 = (float) l2;
  }

  /**
   * {@code l1 * sum(|w|)}.
   *
   * @param l1 the factor of the L1 penalty {@code l1 * sum(|w|)}, non-negative (0 for none)
   * @return an L1 regularizer, Keras's {@code regularizers.L1(l1)}
   */
  public static L1L2 l1(double l1) {
    return new L1L2(l1, 0);
  }

  /**
   * {@code l2 * sum(w^2)}.
   *
   * @param l2 the factor of the L2 penalty {@code l2 * sum(w^2)}, non-negative (0 for none)
   * @return an L2 regularizer, Keras's {@code regularizers.L2(l2)}
   */
  public static L1L2 l2(double l2) {
    return new L1L2(0, l2);
  }

  /**
   * Both penalties.
   *
   * @param l1 the factor of the L1 penalty {@code l1 * sum(|w|)}, non-negative (0 for none)
   * @param l2 the factor of the L2 penalty {@code l2 * sum(w^2)}, non-negative (0 for none)
   * @return a regularizer adding both penalties, Keras's {@code regularizers.L1L2(l1, l2)}
   */
  public static L1L2 l1L2(double l1, double l2) {
    return new L1L2(l1, l2);
  }

  @Override
  public KerasTensor apply(KerasTensor weight) {
    KerasTensor penalty = null;
    if (l1 > 0) {
      penalty = weight.abs().reduceSum().mul(l1);
    }
    if (l2 > 0) {
      KerasTensor squares = weight.square().reduceSum().mul(l2);
      penalty = penalty == null ? squares : penalty.add(squares);
    }
    return penalty == null ? weight.reduceSum().mul(0f) : penalty;
  }

  @Override
  public Map<String, Object> getConfig() {
    String className = l1 > 0 && l2 > 0 ? "L1L2" : l1 > 0 ? "L1" : "L2";
    return Map.of(
        "class_name", className,
        "config", className.equals("L1L2") ? Map.of("l1", l1, "l2", l2)
            : Map.of(className.toLowerCase(), l1 > 0 ? l1 : l2));
  }
}
