package keras4j.optimizers;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Keras's optimizer aliases ({@code keras.optimizers.get}), each with Keras 3's defaults. */
public final class Optimizers {
  private static final Map<String, Supplier<Optimizer>> ALIASES =
      Map.of(
          "sgd", SGD::new,
          "adam", Adam::new,
          "rmsprop", RMSprop::new,
          "adagrad", Adagrad::new,
          "adadelta", Adadelta::new,
          "adamax", Adamax::new,
          "nadam", Nadam::new);

  private Optimizers() {}

  /**
   * A new optimizer called {@code alias}.
   *
   * @param alias a Keras alias or class name, e.g. {@code "adam"}, {@code "sgd"}, {@code "rmsprop"}
   * @return a new optimizer called {@code alias}
   */
  public static Optimizer get(String alias) {
    Supplier<Optimizer> optimizer = ALIASES.get(alias.toLowerCase());
    if (optimizer == null) {
      throw new IllegalArgumentException(
          "Unknown optimizer '" + alias + "'. Valid aliases: " + aliases());
    }
    return optimizer.get();
  }

  /**
   * Every alias, sorted.
   *
   * @return every alias, sorted
   */
  public static List<String> aliases() {
    return ALIASES.keySet().stream().sorted().toList();
  }
}
