package keras4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import keras4j.core.KerasTensor;
import keras4j.saving.ConfigReader;
import keras4j.saving.Json;
import keras4j.tf.TF;
import keras4j.tf.TracedFunction;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.StdArrays;

/**
 * Functional configs keras4j did not write: Keras 2's nested-list inbound nodes (a shared layer
 * on two inputs, merged), and broken configs, which must fail naming the layer.
 */
class FunctionalConfigTest {
  private static final String INPUT = "{\"class_name\": \"InputLayer\", \"name\": \"%s\","
      + " \"config\": {\"batch_input_shape\": [null, 1], \"dtype\": \"float32\", \"name\": \"%s\"},"
      + " \"inbound_nodes\": []}";

  /** A Keras 2 (tf.keras) config: shared Dense(1) on inputs a and b, then Add. */
  private static String keras2(String addInbound) {
    return "{\"name\": \"k2\", \"layers\": [" + String.format(INPUT, "a", "a") + ", "
        + String.format(INPUT, "b", "b") + ", "
        + "{\"class_name\": \"Dense\", \"name\": \"shared\", \"config\": {\"name\": \"shared\","
        + " \"units\": 1, \"activation\": \"linear\", \"use_bias\": true},"
        + " \"inbound_nodes\": [[[\"a\", 0, 0, {}]], [[\"b\", 0, 0, {}]]]}, "
        + "{\"class_name\": \"Add\", \"name\": \"sum\", \"config\": {\"name\": \"sum\"},"
        + " \"inbound_nodes\": [" + addInbound + "]}],"
        + " \"input_layers\": [[\"a\", 0, 0], [\"b\", 0, 0]],"
        + " \"output_layers\": [[\"sum\", 0, 0]]}";
  }

  private static Model fromJson(String json) {
    return Model.fromConfig(ConfigReader.of(Json.parseObject(json, "test"), ""));
  }

  @Test
  void keras2NestedListNodesWithASharedLayer() {
    try (Model model = fromJson(keras2("[[\"shared\", 0, 0, {}], [\"shared\", 1, 0, {}]]"))) {
      assertEquals(List.of("a", "b", "shared", "sum"),
          model.layers().stream().map(l -> l.name()).toList());
      assertEquals(2, model.getLayer("shared").inboundNodes().size());
      model.getLayer("shared").setWeights(List.of(StdArrays.ndCopyOf(new float[][] {{3f}}),
          StdArrays.ndCopyOf(new float[] {0.5f})));
      try (TracedFunction<List<KerasTensor>> f =
          TF.function((a, b) -> model.applyAll(List.of(a, b)))) {
        var out = f.call(StdArrays.ndCopyOf(new float[][] {{1f}, {-2f}}),
            StdArrays.ndCopyOf(new float[][] {{4f}, {0.25f}})).get(0).numpy();
        // (3a + 0.5) + (3b + 0.5): 3 + 12 + 1 = 16; -6 + 0.75 + 1 = -4.25
        assertEquals(16f, out.getFloat(0, 0), 1e-6);
        assertEquals(-4.25f, out.getFloat(1, 0), 1e-6);
      }
    }
  }

  @Test
  void anInboundNodeNamingNoLayerNamesBoth() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> fromJson(keras2("[[\"shared\", 0, 0, {}], [\"ghost\", 0, 0, {}]]")));
    assertTrue(e.getMessage().contains("layer 'sum'") && e.getMessage().contains("'ghost'"),
        e.getMessage());
  }

  @Test
  void aCallThatIsNeverMadeIsRefused() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> fromJson(keras2("[[\"shared\", 0, 0, {}], [\"shared\", 7, 0, {}]]")));
    assertTrue(e.getMessage().contains("[sum]"), e.getMessage());
  }

  @Test
  void aMalformedKerasHistoryIsRefused() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> fromJson(keras2("[[\"shared\", \"x\", 0, {}], [\"shared\", 1, 0, {}]]")));
    assertTrue(e.getMessage().contains("Layer 'sum'"), e.getMessage());
  }
}
