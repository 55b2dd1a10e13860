package keras4j.layers;

import java.util.Map;
import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/**
 * Keras's {@code IntegerLookup}: integers (int32 or int64 inputs) to indices of a vocabulary
 * ({@code -1} is the OOV token, index 0 without a mask token): {@code new
 * IntegerLookup(vocabulary(12L, 36L))} maps 12 to 1, 36 to 2 and anything else to 0; several
 * OOV indices spread unknown integers by their value modulo the number, as Keras. See {@link
 * IndexLookup} for the output modes and {@code adapt}.
 */
public class IntegerLookup extends IndexLookup {
  /**
   * An integer lookup layer.
   *
   * @param args keyword arguments from {@code keras4j.Keras}: {@code vocabulary(...)}, {@code
   *     maxTokens(...)}, {@code numOovIndices(...)}, {@code maskToken(...)}, {@code
   *     oovToken(...)}, {@code outputMode(...)}, {@code idfWeights(...)}, {@code invert(...)},
   *     {@code name(...)}
   */
  public IntegerLookup(LayerArg... args) {
    super(args, -1L);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new layer configured as saved
   */
  public static IntegerLookup fromConfig(ConfigReader config) {
    return new IntegerLookup(configArgs(config));
  }

  @Override
  Object token(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return ((Number) value).longValue();
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue(); // JSON numbers may come back as doubles
    }
    throw new IllegalArgumentException("IntegerLookup's tokens are integers, got " + value);
  }

  @Override
  String tokenDtype() {
    return "int64";
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("vocabulary_dtype", "int64");
    return config;
  }
}
