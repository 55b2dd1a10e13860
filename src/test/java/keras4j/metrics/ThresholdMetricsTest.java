package keras4j.metrics;

import static keras4j.Keras.*;
import static keras4j.TestModels.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * precision, recall and auc through compile. By hand: scores 0.8, 0.3, 0.6, 0.1 for labels 1, 0,
 * 0, 1 threshold to 1, 0, 1, 0: one true positive, one false positive, one false negative, so
 * precision = recall = 1/2; of the four positive/negative pairs two are ranked right, so AUC = 1/2.
 */
class ThresholdMetricsTest {
  @Test
  void precisionRecallAuc() {
    try (var model = identity(1, "linear")) {
      model.compile(optimizer("sgd"), loss("binary_crossentropy"),
          metrics("precision", "recall", "auc", "binary_accuracy"));
      Map<String, Double> scores = model.evaluate(new float[][] {{0.8f}, {0.3f}, {0.6f}, {0.1f}},
          new float[][] {{1}, {0}, {0}, {1}}, verbose(0));
      assertEquals(0.5, scores.get("precision"), 1e-6);
      assertEquals(0.5, scores.get("recall"), 1e-6);
      assertEquals(0.5, scores.get("auc"), 1e-2);
      assertEquals(0.5, scores.get("binary_accuracy"), 1e-6);
    }
  }
}
