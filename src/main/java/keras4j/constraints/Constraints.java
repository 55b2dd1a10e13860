package keras4j.constraints;

import java.util.List;
import java.util.Map;

/**
 * Keras's built-in constraints by name ({@code keras.constraints.get}): the class names and
 * their snake_case aliases, {@code "max_norm"}, {@code "non_neg"}, {@code "unit_norm"}, {@code
 * "min_max_norm"}, each with Keras's defaults; and from a saved config.
 */
public final class Constraints {
  /** The snake_case names {@link #get} accepts (the class names are accepted too). */
  public static final List<String> NAMES =
      List.of("max_norm", "non_neg", "unit_norm", "min_max_norm");

  private Constraints() {}

  /**
   * The built-in constraint called {@code name}, with Keras's defaults.
   *
   * @param name a class name ({@code "MaxNorm"}) or its snake_case alias ({@code "max_norm"})
   * @return a new constraint
   * @throws IllegalArgumentException if no built-in constraint has that name
   */
  public static Constraint get(String name) {
    return fromConfig(name, Map.of());
  }

  /**
   * Keras's {@code constraints.deserialize}: the constraint a saved {@code class_name} and
   * {@code config} describe (missing settings take Keras's defaults).
   *
   * @param className a class name ({@code "MaxNorm"}) or its snake_case alias
   * @param config the constraint's settings as {@code get_config()} writes them, e.g. {@code
   *     {"max_value": 2, "axis": 0}}
   * @return a new constraint
   * @throws IllegalArgumentException if no built-in constraint has that name
   */
  public static Constraint fromConfig(String className, Map<String, ?> config) {
    return switch (className) {
      case "MaxNorm", "max_norm" -> new MaxNorm(number(config, "max_value", 2), axis(config));
      case "NonNeg", "non_neg" -> new NonNeg();
      case "UnitNorm", "unit_norm" -> new UnitNorm(axis(config));
      case "MinMaxNorm", "min_max_norm" -> new MinMaxNorm(number(config, "min_value", 0),
          number(config, "max_value", 1), number(config, "rate", 1), axis(config));
      default -> throw new IllegalArgumentException("Could not interpret constraint identifier: "
          + className + ". keras4j has the built-in constraints " + NAMES
          + " (or their class names MaxNorm, NonNeg, UnitNorm, MinMaxNorm)");
    };
  }

  private static double number(Map<String, ?> config, String key, double fallback) {
    Object value = config.get(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number n)) {
      throw new IllegalArgumentException("The constraint setting '" + key + "' must be a number,"
          + " got " + value);
    }
    return n.doubleValue();
  }

  private static int[] axis(Map<String, ?> config) {
    Object axis = config.get("axis");
    return axis == null ? new int[] {0} : Norms.fromConfig(axis);
  }
}
