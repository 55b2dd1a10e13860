package keras4j.layers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import keras4j.saving.ConfigReader;

/**
 * What the wrapper layers (Bidirectional, TimeDistributed) share: the wrapped layer's nested
 * config as Keras writes it, {@code {"module", "class_name", "config", "registered_name"}}, and
 * reading it back through the layer table the loading model passes in.
 */
final class Wrappers {
  private Wrappers() {}

  /** {@code layer} serialized as a nested built-in layer. */
  static Map<String, Object> nested(Layer layer) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("module", "keras.layers");
    out.put("class_name", layer.kerasClassName());
    out.put("config", layer.getConfig());
    out.put("registered_name", null);
    return out;
  }

  /** The nested layer at {@code key} of {@code config}, built by {@code layers}. */
  static Layer layer(ConfigReader config, String key, Function<ConfigReader, Layer> layers) {
    if (!config.has(key)) {
      throw config.invalid(key, "the wrapped layer's config");
    }
    return layers.apply(config.object(key));
  }
}
