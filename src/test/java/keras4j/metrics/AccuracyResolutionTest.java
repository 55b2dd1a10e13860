package keras4j.metrics;

import static keras4j.Keras.*;
import static keras4j.TestModels.assertClose;
import static keras4j.TestModels.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import keras4j.models.Sequential;
import org.tensorflow.ndarray.Shape;
import org.junit.jupiter.api.Test;

/**
 * "accuracy" resolves from label and output shapes as Keras's compile_utils does. The expected
 * accuracies are counted by hand: arg-max of each row of PROBS is 0, 1, 2 against labels 0, 2, 2
 * (2 of 3 right); the binary outputs 0.8, 0.3, 0.6 thresholded at 0.5 are 1, 0, 1 against 1, 0, 0.
 */
class AccuracyResolutionTest {
  private static final float[][] PROBS = {{0.7f, 0.2f, 0.1f}, {0.1f, 0.6f, 0.3f},
      {0.2f, 0.3f, 0.5f}};

  private static double accuracy(float[][] x, Object y, String loss) {
    try (Sequential model = identity(x[0].length, "linear")) {
      model.compile(optimizer("sgd"), loss(loss), metrics("accuracy"));
      Map<String, Double> scores = model.evaluate(x, y, batchSize(2), verbose(0));
      assertEquals(java.util.List.of("loss", "accuracy"), java.util.List.copyOf(scores.keySet()));
      return scores.get("accuracy");
    }
  }

  @Test
  void classIdsOfRankOneAreSparse() {
    assertClose(2.0 / 3, accuracy(PROBS, new int[] {0, 2, 2}, "sparse_categorical_crossentropy"),
        1e-6);
  }

  @Test
  void classIdsInAColumnAreSparse() {
    assertClose(2.0 / 3,
        accuracy(PROBS, new int[][] {{0}, {2}, {2}}, "sparse_categorical_crossentropy"), 1e-6);
  }

  @Test
  void oneHotLabelsAreCategorical() {
    float[][] oneHot = {{1, 0, 0}, {0, 0, 1}, {0, 0, 1}};
    assertClose(2.0 / 3, accuracy(PROBS, oneHot, "categorical_crossentropy"), 1e-6);
  }

  @Test
  void oneOutputUnitIsBinary() {
    assertClose(2.0 / 3, accuracy(new float[][] {{0.8f}, {0.3f}, {0.6f}},
        new float[][] {{1}, {0}, {0}}, "binary_crossentropy"), 1e-6);
  }

  @Test
  void resolvesToKerasClassesAndKeepsTheName() {
    Metric sparse = Metrics.resolve(Metrics.get("acc"), Shape.of(-1), Shape.of(-1, 10));
    assertEquals("acc", sparse.name());
    assertEquals("SparseCategoricalAccuracy", sparse.getClass().getSimpleName());
    Metric binary = Metrics.resolve(Metrics.get("accuracy"), Shape.of(-1, 1), Shape.of(-1, 1));
    assertEquals("BinaryAccuracy", binary.getClass().getSimpleName());
    Metric categorical =
        Metrics.resolve(Metrics.get("accuracy"), Shape.of(-1, 10), Shape.of(-1, 10));
    assertEquals("CategoricalAccuracy", categorical.getClass().getSimpleName());
  }

  @Test
  void unknownMetricListsTheValidOnes() {
    var error = assertThrows(IllegalArgumentException.class, () -> Metrics.get("acuracy"));
    assertTrue(error.getMessage().contains("sparse_categorical_accuracy"), error.getMessage());
  }
}
