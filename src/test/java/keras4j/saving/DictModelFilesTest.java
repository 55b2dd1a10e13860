package keras4j.saving;

import static keras4j.Keras.batchSize;
import static keras4j.Keras.epochs;
import static keras4j.Keras.shuffle;
import static keras4j.Keras.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import keras4j.models.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * A functional model whose inputs and outputs are dicts, written compiled by Python Keras
 * 3.15.1 (graphs/make_dict_fixtures.py): it loads with its input and output names, predicts
 * Keras's numbers, trains on its saved {@code compile_config} (loss, loss weight and metric
 * dicts) with Keras's history, and keras4j's save keeps the dicts as Keras writes them (with
 * {@code -Dkeras4j.graphSaves=DIR}, graphs/check_keras4j_saves.py loads it in Python Keras).
 */
class DictModelFilesTest {
  private static final List<String> INPUTS = List.of("cat", "num");
  private static final List<String> OUTPUTS = List.of("kind", "score");

  private static Map<String, float[][]> arrays(String prefix, List<String> names) {
    Map<String, float[][]> out = new LinkedHashMap<>();
    names.forEach(n -> out.put(n, Fixtures.csv("graphs/dicts_" + prefix + "_" + n + ".csv")));
    return out;
  }

  private static void assertPredictsKeras(Model model) {
    Map<String, FloatNdArray> predicted = model.predictNamed(arrays("x", INPUTS));
    assertEquals(OUTPUTS, List.copyOf(predicted.keySet()));
    for (String name : OUTPUTS) {
      Fixtures.assertClose(Fixtures.csv("graphs/dicts_y_" + name + ".csv"), predicted.get(name),
          1e-5);
    }
  }

  @Test
  void loadsWithItsNamesAndPredictsKeras() {
    try (Model model = Model.load(Fixtures.path("graphs/dicts.keras"))) {
      assertEquals(INPUTS, model.inputNames());
      assertEquals(OUTPUTS, model.outputNames());
      assertPredictsKeras(model);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void trainsOnItsSavedCompileConfigAsKeras() throws IOException {
    Map<String, Object> expected = (Map<String, Object>) Json.parse(
        Files.readString(Fixtures.path("graphs/dicts_fit.json")));
    Map<String, float[][]> x = arrays("x", INPUTS);
    Map<String, Object> y = new LinkedHashMap<>();
    float[][] kind = Fixtures.csv("graphs/dicts_labels_kind.csv");
    float[] sparse = new float[kind.length];
    for (int i = 0; i < kind.length; i++) {
      sparse[i] = kind[i][0];
    }
    y.put("kind", sparse);
    y.put("score", Fixtures.csv("graphs/dicts_labels_score.csv"));
    try (Model model = Model.load(Fixtures.path("graphs/dicts.keras"))) {
      Map<String, List<Double>> history =
          model.fit(x, y, epochs(2), batchSize(4), shuffle(false), verbose(0)).history();
      Map<String, Object> kerasHistory = (Map<String, Object>) expected.get("history");
      assertEquals(kerasHistory.keySet(), history.keySet());
      kerasHistory.forEach((name, values) -> {
        List<Double> ours = history.get(name);
        for (int e = 0; e < 2; e++) {
          assertEquals(((Number) ((List<?>) values).get(e)).doubleValue(), ours.get(e), 1e-5,
              name + " epoch " + e);
        }
      });
      Map<String, Double> evaluated = model.evaluate(x, y, batchSize(4), verbose(0));
      ((Map<String, Object>) expected.get("evaluate")).forEach((name, value) ->
          assertEquals(((Number) value).doubleValue(), evaluated.get(name), 1e-5, name));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void keras4jSaveKeepsTheDictsAsKerasWritesThem(@TempDir Path temp) throws IOException {
    String keep = System.getProperty("keras4j.graphSaves");
    Path dir = keep == null ? temp : Files.createDirectories(Path.of(keep));
    Path saved = dir.resolve("dicts.keras");
    try (Model model = Model.load(Fixtures.path("graphs/dicts.keras"))) {
      model.save(saved);
    }
    Map<String, Object> config = modelConfig(saved);
    assertEquals(Map.of("cat", List.of("cat", 0L, 0L), "num", List.of("num", 0L, 0L)),
        config.get("input_layers"));
    assertEquals(Map.of("kind", List.of("k", 0L, 0L), "score", List.of("s", 0L, 0L)),
        config.get("output_layers"));
    try (Model model = Model.load(saved)) {
      assertEquals(OUTPUTS, model.outputNames());
      assertPredictsKeras(model);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> modelConfig(Path file) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      String json = new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8);
      return (Map<String, Object>) ((Map<String, Object>) Json.parse(json)).get("config");
    }
  }
}
