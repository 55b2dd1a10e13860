package keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import keras4j.models.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.types.TFloat32;

/**
 * {@code Model.export} of models of several inputs and outputs, run back through TensorFlow's
 * own SavedModel loader: the {@code serving_default} signature names the inputs as Keras 3.15's
 * {@code model.export} does (by input name) and the outputs {@code output_0}, {@code output_1}
 * for a list or by key for a dict, and computes Keras's predictions (the graph fixtures). Set
 * {@code -Dkeras4j.graphSaves=DIR} to keep the exports ({@code DIR/export_NAME}) for
 * graphs/check_keras4j_exports.py, which runs them in Python TensorFlow.
 */
class MultiIoExportTest {
  private static Map<String, FloatNdArray> export(Model model, Path dir, Map<String, Object> x)
      throws Exception {
    model.export(dir);
    try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve")) {
      SessionFunction serving = bundle.function("serving_default");
      assertEquals(x.keySet(), serving.signature().inputNames());
      Map<String, Tensor> feeds = new LinkedHashMap<>();
      x.forEach((name, rows) -> feeds.put(name, TFloat32.tensorOf(StdArrays.ndCopyOf(
          (float[][]) rows))));
      Map<String, FloatNdArray> out = new LinkedHashMap<>();
      try (Result result = serving.call(feeds)) {
        for (String name : serving.signature().outputNames()) {
          out.put(name, StdArrays.ndCopyOf(StdArrays.array2dCopyOf((TFloat32) result.get(name)
              .orElseThrow())));
        }
      } finally {
        feeds.values().forEach(Tensor::close);
      }
      return out;
    }
  }

  private static Path dir(Path temp, String name) throws Exception {
    String keep = System.getProperty("keras4j.graphSaves");
    return keep == null ? temp.resolve(name)
        : Files.createDirectories(Path.of(keep)).resolve("export_" + name);
  }

  @Test
  void listOutputsAreOutput0AndOutput1(@TempDir Path temp) throws Exception {
    Map<String, Object> x = new LinkedHashMap<>();
    x.put("left", Fixtures.csv("graphs/two_input_x0.csv"));
    x.put("right", Fixtures.csv("graphs/two_input_x1.csv"));
    try (Model model = Model.load(Fixtures.path("graphs/two_input.keras"))) {
      Map<String, FloatNdArray> out = export(model, dir(temp, "two_input"), x);
      assertEquals(Set.of("output_0"), out.keySet());
      Fixtures.assertClose(Fixtures.csv("graphs/two_input_y0.csv"), out.get("output_0"), 1e-5);
    }
    try (Model model = Model.load(Fixtures.path("graphs/two_output.keras"))) {
      Map<String, FloatNdArray> out = export(model, dir(temp, "two_output"),
          Map.of("x", Fixtures.csv("graphs/two_output_x0.csv")));
      assertEquals(Set.of("output_0", "output_1"), out.keySet());
      Fixtures.assertClose(Fixtures.csv("graphs/two_output_y0.csv"), out.get("output_0"), 1e-5);
      Fixtures.assertClose(Fixtures.csv("graphs/two_output_y1.csv"), out.get("output_1"), 1e-5);
    }
  }

  @Test
  void dictInputsAndOutputsKeepTheirKeys(@TempDir Path temp) throws Exception {
    Map<String, Object> x = new LinkedHashMap<>();
    for (String name : List.of("cat", "num")) {
      x.put(name, Fixtures.csv("graphs/dicts_x_" + name + ".csv"));
    }
    try (Model model = Model.load(Fixtures.path("graphs/dicts.keras"))) {
      Map<String, FloatNdArray> out = export(model, dir(temp, "dicts"), x);
      assertEquals(Set.of("kind", "score"), out.keySet());
      for (String name : List.of("kind", "score")) {
        Fixtures.assertClose(Fixtures.csv("graphs/dicts_y_" + name + ".csv"), out.get(name),
            1e-5);
      }
      // The model runs on after the export, rebuilding its graph.
      Fixtures.assertClose(Fixtures.csv("graphs/dicts_y_kind.csv"),
          model.predictNamed(x).get("kind"), 1e-5);
    }
  }
}
