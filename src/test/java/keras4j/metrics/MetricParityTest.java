package keras4j.metrics;

import static keras4j.Keras.*;
import static keras4j.TestModels.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import keras4j.core.KerasTensor;
import keras4j.models.Sequential;
import keras4j.saving.ConfigReader;
import keras4j.saving.Json;
import keras4j.tf.TF;
import keras4j.tf.TracedFunction;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * Every metric of metric_cases.json (written by Python Keras 3.15.1 with
 * make_metric_fixtures.py, next to it) rebuilt from Keras's config, fed the same batches through
 * {@code updateState}, and its result compared with Keras's after each batch within 1e-5; its
 * {@code getConfig()} must equal Keras's.
 */
class MetricParityTest {
  private static final double TOLERANCE = 1e-5;

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> cases() throws IOException {
    try (InputStream in = MetricParityTest.class.getResourceAsStream(
        "/keras4j/metrics/metric_cases.json")) {
      Map<String, Object> file = Json.parseObject(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), "metric_cases.json");
      assertEquals("3.15.1", file.get("keras_version"));
      return (List<Map<String, Object>>) file.get("cases");
    }
  }

  @TestFactory
  Stream<DynamicTest> resultsEqualKeras() throws IOException {
    return cases().stream().map(c -> DynamicTest.dynamicTest(
        c.get("class_name") + " " + Json.write(c.get("config")), () -> check(c)));
  }

  @SuppressWarnings("unchecked")
  private static void check(Map<String, Object> kerasCase) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("module", "keras.metrics");
    entry.put("class_name", kerasCase.get("class_name"));
    entry.put("config", kerasCase.get("config"));
    entry.put("registered_name", null);
    Metric metric = Metrics.deserialize(ConfigReader.of(entry, "case"));
    assertEquals(metric.getClass().getSimpleName(), kerasCase.get("class_name"));
    List<Map<String, Object>> batches = (List<Map<String, Object>>) kerasCase.get("batches");
    boolean weighted = batches.get(0).get("sample_weight") != null;
    try (TracedFunction<KerasTensor> step = weighted
        ? TF.function((y, p, w) -> update(metric, y, p, w))
        : TF.function((y, p) -> update(metric, y, p, null))) {
      for (int b = 0; b < batches.size(); b++) {
        Map<String, Object> batch = batches.get(b);
        float[][] yTrue = matrix(batch.get("y_true"));
        float[][] yPred = matrix(batch.get("y_pred"));
        KerasTensor result = weighted
            ? step.call(yTrue, yPred, vector(batch.get("sample_weight")))
            : step.call(yTrue, yPred);
        assertClose(batch.get("result"), result.numpy(), metric + " after batch " + (b + 1));
      }
    }
    // Keras's get_config, key for key (and in order).
    assertEquals(Json.write(kerasCase.get("config")), Json.write(metric.getConfig()));
  }

  private static KerasTensor update(Metric metric, KerasTensor y, KerasTensor p, KerasTensor w) {
    metric.updateState(y, p, w);
    return metric.result();
  }

  private static void assertClose(Object expected, FloatNdArray actual, String what) {
    List<Double> want = new ArrayList<>();
    if (expected instanceof List<?> list) {
      list.forEach(v -> want.add(((Number) v).doubleValue()));
    } else {
      want.add(((Number) expected).doubleValue());
    }
    assertEquals(want.size(), actual.size(), what + ": size");
    float[] got = new float[want.size()];
    actual.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(got, false, false));
    for (int i = 0; i < got.length; i++) {
      double e = want.get(i);
      assertTrue(Math.abs(e - got[i]) <= TOLERANCE * Math.max(1, Math.abs(e)),
          what + "[" + i + "]: Keras " + e + ", keras4j " + got[i]);
    }
  }

  private static float[][] matrix(Object rows) {
    List<?> list = (List<?>) rows;
    float[][] out = new float[list.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = vector(list.get(i));
    }
    return out;
  }

  private static float[] vector(Object values) {
    List<?> list = (List<?>) values;
    float[] out = new float[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) list.get(i)).floatValue();
    }
    return out;
  }

  /**
   * In fit and evaluate, a per-class F1 is logged as its mean. By hand, at threshold 0.5: class
   * 0 has TP 1, FP 1, FN 0 (F1 2/3); class 1 TP 1, FP 0, FN 1 (F1 2/3); mean 2/3.
   */
  @Test
  void perClassScoreIsLoggedAsItsMean() {
    try (Sequential model = identity(2, "linear")) {
      model.compile(optimizer("sgd"), loss("mse"),
          metrics(new F1Score(null, 0.5, "f1"), "f1_score"));
      Map<String, Double> logs = model.evaluate(new float[][] {{0.9f, 0.8f}, {0.7f, 0.1f}},
          new float[][] {{1, 1}, {0, 1}}, verbose(0));
      assertEquals(2 / 3.0, logs.get("f1"), 1e-5);
      assertTrue(logs.containsKey("f1_score"));
    }
  }

  @Test
  void badArgumentsSayWhatIsExpected() {
    IllegalArgumentException average =
        assertThrows(IllegalArgumentException.class, () -> new F1Score("mean", null, "f1"));
    assertTrue(average.getMessage().contains("average=mean"), average.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new FBetaScore(null, 0, null, "f"));
    assertThrows(IllegalArgumentException.class, () -> new R2Score("median", 0, "r2"));
    assertThrows(IllegalArgumentException.class, () -> new IoU(3, new int[] {3}));
    assertThrows(IllegalArgumentException.class, () -> new AUC(200, "XY", "interpolation", "a"));
    assertThrows(IllegalArgumentException.class, () -> new PrecisionAtRecall(1.5));
    assertEquals("up", Metrics.get("r2_score").direction());
    assertEquals("F1Score", Metrics.get("F1Score").name());
  }
}
