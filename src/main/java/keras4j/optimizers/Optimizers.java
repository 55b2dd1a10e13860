package keras4j.optimizers;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Keras's optimizer aliases ({@code keras.optimizers.get}), each with Keras 3's defaults. */
public final class Optimizers {
  private static final Map<String, Supplier<Optimizer>> ALIASES = Map.ofEntries(
      Map.entry("sgd", SGD::new),
      Map.entry("adam", Adam::new),
      Map.entry("adamw", AdamW::new),
      Map.entry("rmsprop", RMSprop::new),
      Map.entry("adagrad", Adagrad::new),
      Map.entry("adadelta", Adadelta::new),
      Map.entry("adamax", Adamax::new),
      Map.entry("nadam", Nadam::new),
      Map.entry("lion", Lion::new),
      Map.entry("ftrl", Ftrl::new),
      Map.entry("adafactor", Adafactor::new),
      Map.entry("lamb", Lamb::new));

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
