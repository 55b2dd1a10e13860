package keras4j.metrics;

import static keras4j.Keras.*;
import static keras4j.TestModels.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import keras4j.models.Sequential;
import org.junit.jupiter.api.Test;

/**
 * Top-k accuracies and Sum through compile, two batches of two. By hand: the labels' classes
 * rank 1st, 2nd, 2nd and 3rd in their rows, so top-1 accuracy is 1/4, top-2 3/4, top-3 1; each
 * row of predictions sums to 1, so Sum is 4 (Keras 3.15.1 gives the same numbers).
 */
class TopKAndSumTest {
  private static final float[][] P = {{0.1f, 0.5f, 0.3f, 0.05f, 0.05f},
      {0.3f, 0.1f, 0.2f, 0.25f, 0.15f}, {0.25f, 0.2f, 0.1f, 0.4f, 0.05f},
      {0.05f, 0.05f, 0.1f, 0.3f, 0.5f}};
  private static final int[] IDS = {1, 3, 0, 2};

  private static Map<String, Double> scores(Object y, String loss, Object... metrics) {
    try (Sequential model = identity(5, "linear")) {
      model.compile(optimizer("sgd"), loss(loss), metrics(metrics));
      return model.evaluate(P, y, batchSize(2), verbose(0));
    }
  }

  @Test
  void topKAccuracies() {
    float[][] oneHot = new float[4][5];
    int[][] column = new int[4][1];
    for (int i = 0; i < 4; i++) {
      oneHot[i][IDS[i]] = 1;
      column[i][0] = IDS[i];
    }
    double[] expected = {0.25, 0.75, 1.0};
    for (int k = 1; k <= 3; k++) {
      Map<String, Double> dense = scores(oneHot, "mse", new TopKCategoricalAccuracy("top", k));
      assertEquals(expected[k - 1], dense.get("top"), 1e-6);
    }
    Map<String, Double> sparse = scores(column, "sparse_categorical_crossentropy",
        new SparseTopKCategoricalAccuracy("top", 2));
    assertEquals(0.75, sparse.get("top"), 1e-6);
    assertEquals("up", Metrics.get("sparse_top_k_categorical_accuracy").direction());
    assertEquals(5, Metrics.get("top_k_categorical_accuracy").getConfig().get("k"));
  }

  @Test
  void sumAddsEveryPrediction() {
    float[][] zeros = new float[4][5];
    assertEquals(4.0, scores(zeros, "mse", new Sum("total")).get("total"), 1e-6);
  }
}
