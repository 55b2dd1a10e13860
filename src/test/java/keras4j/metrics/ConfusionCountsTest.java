package keras4j.metrics;

import static keras4j.Keras.*;
import static keras4j.TestModels.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * TruePositives, FalsePositives, TrueNegatives and FalseNegatives through compile, by hand:
 * scores 0.8, 0.3, 0.6, 0.1, 0.9 for labels 1, 0, 0, 1, 1 threshold to 1, 0, 1, 0, 1, so TP = 2
 * (samples 0 and 4), FP = 1 (sample 2), TN = 1 (sample 1), FN = 1 (sample 3); weighted by 1, 2,
 * 3, 4, 5: TP = 6, FP = 3, TN = 2, FN = 4.
 */
class ConfusionCountsTest {
  private static final float[][] SCORES = {{0.8f}, {0.3f}, {0.6f}, {0.1f}, {0.9f}};
  private static final float[][] LABELS = {{1}, {0}, {0}, {1}, {1}};

  @Test
  void countsByAliasAndByObject() {
    try (var model = identity(1, "linear")) {
      model.compile(optimizer("sgd"), loss("binary_crossentropy"),
          metrics("true_positives", new FalsePositives("fp"), new TrueNegatives("tn"),
              new FalseNegatives("fn")));
      Map<String, Double> counts = model.evaluate(SCORES, LABELS, verbose(0));
      assertEquals(2, counts.get("true_positives"), 1e-6);
      assertEquals(1, counts.get("fp"), 1e-6);
      assertEquals(1, counts.get("tn"), 1e-6);
      assertEquals(1, counts.get("fn"), 1e-6);
    }
  }

  @Test
  void weightedCountsAddTheSamplesWeights() {
    try (var model = identity(1, "linear")) {
      model.compile(optimizer("sgd"), loss("binary_crossentropy"),
          weightedMetrics(new TruePositives("tp"), new FalsePositives("fp"),
              new TrueNegatives("tn"), new FalseNegatives("fn")));
      Map<String, Double> counts = model.evaluate(SCORES, LABELS,
          sampleWeight(new float[] {1, 2, 3, 4, 5}), batchSize(2), verbose(0));
      assertEquals(6, counts.get("tp"), 1e-6);
      assertEquals(3, counts.get("fp"), 1e-6);
      assertEquals(2, counts.get("tn"), 1e-6);
      assertEquals(4, counts.get("fn"), 1e-6);
    }
  }

  @Test
  void serializedAsKerasWritesAndWithoutADirection() {
    Map<String, Object> config = new java.util.LinkedHashMap<>();
    config.put("name", "fn");
    config.put("dtype", "float32");
    config.put("thresholds", null);
    Map<String, Object> serialized = Metrics.serialize(new FalseNegatives("fn"));
    assertEquals("FalseNegatives", serialized.get("class_name"));
    assertEquals(config, serialized.get("config"));
    assertEquals(null, new TruePositives("tp").direction(), "Keras's counts have no _direction");
  }
}
