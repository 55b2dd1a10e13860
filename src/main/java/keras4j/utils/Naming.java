package keras4j.utils;

/** Keras's naming rules ({@code keras.src.utils.naming}). */
public final class Naming {
  private Naming() {}

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
