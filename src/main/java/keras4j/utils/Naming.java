package keras4j.utils;

import java.util.HashMap;
import java.util.Map;

/** Keras's naming rules ({@code keras.src.utils.naming}). */
public final class Naming {
  // Keras's global "object_name_uniquification": one count per prefix, layers and optimizers alike.
  private static final Map<String, Integer> NAME_COUNTS = new HashMap<>();

  private Naming() {}

  /**
   * Keras's {@code uniquify} behind automatic names: {@code prefix} the first time in the
   * process, then {@code prefix_1}, {@code prefix_2}, ... Layers ({@code dense}, {@code
   * dense_1}) and optimizers ({@code adam}, {@code adam_1}) share the counts, as in Keras; names
   * given explicitly do not count.
   *
   * @param prefix the snake_case class name, e.g. {@code dense}
   * @return the next automatic name for it
   */
  public static synchronized String uniquify(String prefix) {
    int n = NAME_COUNTS.merge(prefix, 1, Integer::sum) - 1;
    return n == 0 ? prefix : prefix + "_" + n;
  }

  /**
   * Keras's {@code to_snake_case}: {@code Dense} gives {@code dense}, {@code Conv2D} {@code conv2d},
   * {@code MaxPooling2D} {@code max_pooling2d}, {@code LeakyReLU} {@code leaky_re_lu}. Layers take
   * their default names from it, and Keras's weight files name their groups with it.
   *
   * @param name a class name in CamelCase
   * @return the name in snake_case
   */
  public static String toSnakeCase(String name) {
    String out = name.replaceAll("\\W+", "");
    out = out.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
    return out.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
