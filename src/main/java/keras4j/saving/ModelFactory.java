package keras4j.saving;

import java.util.function.Consumer;

/**
 * Builds a model from its saved entry for {@link SavingLib#loadModel}, in Keras's order:
 * deserialize the layers, let the file give them their assets (an adapted vocabulary, which the
 * layers' graphs are built from), then build and compile.
 *
 * @param <T> the model type
 */
@FunctionalInterface
public interface ModelFactory<T extends KerasSaveable> {
  /**
   * The model of {@code entry}.
   *
   * @param entry the model's serialized entry
   * @param compile its compile config, or null when the file has none
   * @param beforeBuild to call on the deserialized model before it is built
   * @return the built (and compiled, if the file says how) model
   */
  T create(ConfigReader entry, ConfigReader compile, Consumer<T> beforeBuild);
}
