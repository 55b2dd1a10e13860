package keras4j.callbacks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.saving.Json;

/** The Python-Keras fixtures under keras4j/callbacks (see make_callback_fixtures.py). */
final class KerasCallbackFixtures {
  private KerasCallbackFixtures() {}

  /** A fixture file's text, exactly. */
  static String text(String name) throws IOException {
    try (InputStream in = KerasCallbackFixtures.class.getResourceAsStream(
        "/keras4j/callbacks/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test fixture keras4j/callbacks/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** ReduceLROnPlateau's scenarios of reduce_lr.json. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> plateauScenarios() throws IOException {
    return (List<Map<String, Object>>) Json.parseObject(text("reduce_lr.json"), "reduce_lr.json")
        .get("scenarios");
  }

  /** Epoch logs as Keras gave them to the callbacks (JSON numbers as doubles, in order). */
  static Map<String, Double> logs(Object json) {
    Map<String, Double> logs = new LinkedHashMap<>();
    ((Map<?, ?>) json).forEach((k, v) -> logs.put((String) k, ((Number) v).doubleValue()));
    return logs;
  }
}
