package keras4j.layers;

import java.util.Map;
import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/**
 * Keras's {@code StringLookup}: strings to indices of a vocabulary ({@code "[UNK]"} is the OOV
 * token, index 1 after a mask token or 0 without one): {@code new StringLookup(vocabulary("a",
 * "b"))} maps "a" to 1, "b" to 2 and anything else to 0. The model's Input is of dtype "string"
 * ({@code Input.ofType("string", 1)}) and is fed {@code String[]} or {@code String[][]}. See
 * {@link IndexLookup} for the output modes and {@code adapt}.
 */
public class StringLookup extends IndexLookup {
  /**
   * A string lookup layer.
   *
   * @param args keyword arguments from {@code keras4j.Keras}: {@code vocabulary(...)}, {@code
   *     maxTokens(...)}, {@code numOovIndices(...)}, {@code maskToken(...)}, {@code
   *     oovToken(...)}, {@code outputMode(...)}, {@code idfWeights(...)}, {@code invert(...)},
   *     {@code name(...)}
   */
  public StringLookup(LayerArg... args) {
    super(args, "[UNK]");
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new layer configured as saved
   */
  public static StringLookup fromConfig(ConfigReader config) {
    return new StringLookup(configArgs(config));
  }

  @Override
  Object token(Object value) {
    if (value != null && !(value instanceof String)) {
      throw new IllegalArgumentException("StringLookup's tokens are strings, got " + value
          + " (" + value.getClass().getSimpleName() + "); IntegerLookup looks up integers");
    }
    return value;
  }

  @Override
  String tokenDtype() {
    return "string";
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("encoding", "utf-8");
    return config;
  }
}
