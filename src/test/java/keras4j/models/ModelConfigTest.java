package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import keras4j.layers.Dense;
import keras4j.layers.Dropout;
import keras4j.saving.ConfigReader;
import keras4j.saving.Json;
import org.junit.jupiter.api.Test;

/**
 * Sequential's and Functional's getConfig/fromConfig, beside the classes: a Keras-written
 * functional config read and written again keeps Keras's classes, names, settings and wiring.
 */
class ModelConfigTest {
  private static Map<String, Object> kerasConfig(String fixture)
      throws IOException, URISyntaxException {
    Path file = Path.of(ModelConfigTest.class.getResource("/keras4j/saving/" + fixture).toURI());
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return Json.parseObject(new String(zip.getInputStream(zip.getEntry("config.json"))
          .readAllBytes(), StandardCharsets.UTF_8), fixture);
    }
  }

  /** class_name, name, units/activation/rate and the inbound layer of each layer entry. */
  private static List<List<Object>> summary(ConfigReader modelConfig) {
    return modelConfig.objects("layers").stream().map(entry -> {
      ConfigReader c = entry.object("config");
      List<?> nodes = entry.has("inbound_nodes") ? entry.list("inbound_nodes") : List.of();
      Object inbound = nodes.isEmpty() ? null : ((Map<?, ?>) ((Map<?, ?>) ((List<?>) ((Map<?, ?>)
          nodes.get(0)).get("args")).get(0)).get("config")).get("keras_history");
      return List.<Object>of(entry.string("class_name"), c.string("name"),
          String.valueOf(c.raw("units")), String.valueOf(c.raw("activation")),
          String.valueOf(c.raw("rate")), String.valueOf(inbound));
    }).toList();
  }

  @Test
  void aKerasFunctionalConfigReadsAndWritesBackTheSameGraph() throws Exception {
    ConfigReader keras = ConfigReader.of(kerasConfig("keras3_functional_mlp.keras"), "")
        .object("config");
    try (Model model = Model.fromConfig(keras)) {
      assertEquals(Model.class, model.getClass());
      assertInstanceOf(Dropout.class, model.layers().get(2));
      ConfigReader ours = ConfigReader.of(Json.parse(Json.write(model.getConfig())), "");
      assertEquals(summary(keras), summary(ours));
      assertEquals(keras.raw("input_layers"), ours.raw("input_layers"));
      assertEquals(keras.raw("output_layers"), ours.raw("output_layers"));
      assertEquals(keras.raw("name"), ours.raw("name"));
    }
  }

  @Test
  void sequentialConfigRoundTripsWithItsInputShape() {
    try (Sequential model = new Sequential(List.of(new Dense(4, activation("relu"),
        inputShape(3)), new Dropout(0.5), new Dense(2)), name("stack"))) {
      Map<String, Object> config = model.getConfig();
      try (Sequential copy = Sequential.fromConfig(
          ConfigReader.of(Json.parse(Json.write(config)), "config"))) {
        assertEquals("stack", copy.name());
        assertArrayEquals(model.inputShape().asArray(), copy.inputShape().asArray());
        assertEquals(Json.write(config), Json.write(copy.getConfig()));
      }
    }
  }
}
