package keras4j.metrics;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import keras4j.core.KerasTensor;
import keras4j.models.Model;
import keras4j.saving.ConfigReader;
import keras4j.saving.Json;
import keras4j.saving.ObjectRegistration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics in the compile config, as Keras saves them (aliases as strings, metric objects with
 * their config, registered custom metrics by registered name): keras3_compiled_metrics.keras,
 * written by make_compiled_metrics_fixture.py with Keras 3.15.1, loads compiled with every metric
 * configured as in Python and evaluates to Keras's logs; saving it again writes Keras's list.
 */
class CompiledMetricsTest {
  private static final float[][] X = {{0.5f, -1.0f, 2.0f}, {1.5f, 0.2f, -0.3f},
      {-0.7f, 0.9f, 0.4f}, {0.1f, -0.2f, -1.1f}, {2.0f, 1.0f, 0.0f}, {-1.5f, -0.5f, 1.0f}};
  private static final float[][] Y = {{1, 0}, {0, 1}, {1, 1}, {0, 0}, {1, 0}, {0, 1}};
  /** Keras's {@code model.evaluate(x, y, batch_size=6, return_dict=True)}, from the script. */
  private static final Map<String, Double> KERAS_LOGS = Map.of("binary_accuracy",
      0.6666666865348816, "f1_score", 0.6607142090797424, "loss", 0.6066460609436035,
      "mean_prediction", 0.5019416809082031, "p_at_r", 1.0, "pr_auc", 0.8612149953842163);

  /** The Java twin of the script's {@code my_metrics>MeanPrediction}: the mean prediction. */
  static final class MeanPrediction extends Mean {
    MeanPrediction(String name) {
      super(name);
    }

    @Override
    public void updateState(KerasTensor yTrue, KerasTensor yPred, KerasTensor sampleWeight) {
      updateState(yPred, sampleWeight);
    }
  }

  @BeforeAll
  static void register() {
    ObjectRegistration.registerKerasSerializable("my_metrics", MeanPrediction.class,
        c -> new MeanPrediction(c.string("name")));
  }

  private static Path fixture() throws URISyntaxException {
    return Path.of(CompiledMetricsTest.class
        .getResource("/keras4j/metrics/keras3_compiled_metrics.keras").toURI());
  }

  @Test
  void kerasFileLoadsWithConfiguredMetrics() throws Exception {
    try (Model model = Model.load(fixture())) {
      List<Metric> metrics = model.compiledMetrics();
      assertEquals(List.of("binary_accuracy", "pr_auc", "f1_score", "p_at_r", "mean_prediction"),
          metrics.stream().map(Metric::name).toList());
      assertEquals("PR", metrics.get(1).getConfig().get("curve"));
      assertEquals(50, metrics.get(1).getConfig().get("num_thresholds"));
      assertEquals(0.4, metrics.get(2).getConfig().get("threshold"));
      assertInstanceOf(MeanPrediction.class, metrics.get(4));
      assertLogs(model.evaluate(X, Y, batchSize(6), verbose(0)));
    }
  }

  @Test
  void roundTripWritesKerasList(@TempDir Path dir) throws Exception {
    Path saved = dir.resolve("again.keras");
    try (Model model = Model.load(fixture())) {
      model.save(saved);
    }
    // keras4j writes a registered class's Java package as its module where Python wrote null
    // (__main__); Keras finds registered classes by registered_name alone.
    assertEquals(metricsList(fixture()),
        metricsList(saved).replace("\"module\": \"keras4j.metrics\"", "\"module\": null"));
    try (Model model = Model.load(saved)) {
      assertLogs(model.evaluate(X, Y, batchSize(6), verbose(0)));
    }
  }

  private static void assertLogs(Map<String, Double> logs) {
    assertEquals(KERAS_LOGS.keySet(), logs.keySet());
    KERAS_LOGS.forEach((name, value) -> assertEquals(value, logs.get(name), 1e-5, name));
  }

  /** The compile config's metrics of a .keras file, as JSON text. */
  private static String metricsList(Path file) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      String json = new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(),
          StandardCharsets.UTF_8);
      ConfigReader config = ConfigReader.of(Json.parseObject(json, "config.json"), "");
      return Json.write(config.object("compile_config").list("metrics"));
    }
  }
}
