package keras4j.losses;

import static keras4j.TestModels.assertClose;
import static keras4j.TestModels.lossOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Each loss against numpy: the expected values come from
 * src/test/resources/keras4j/reference_values.py.
 */
class LossesTest {
  private static final double TOLERANCE = 1e-6;
  private static final float[][] PROBS = {{0.7f, 0.2f, 0.1f}, {0.1f, 0.6f, 0.3f}};
  private static final float[][] ONE_HOT = {{1, 0, 0}, {0, 0, 1}};
  private static final float[][] LOGITS = {{2.0f, -1.0f, 0.5f}, {0.3f, 1.2f, -0.7f}};
  private static final float[][] REGRESSION = {{0.5f, -0.2f}, {1.5f, 2.0f}};
  private static final float[][] TARGETS = {{1.0f, 0.0f}, {0.0f, 3.0f}};

  @Test
  void categoricalCrossentropyOnProbabilities() {
    assertClose(0.7803238741323342, lossOf("categorical_crossentropy", "linear", PROBS, ONE_HOT),
        TOLERANCE);
  }

  @Test
  void categoricalCrossentropyUsesSoftmaxLogits() {
    assertClose(1.2917592933465547, lossOf("categorical_crossentropy", "softmax", LOGITS, ONE_HOT),
        TOLERANCE);
  }

  @Test
  void sparseCategoricalCrossentropyOnProbabilitiesAndColumnLabels() {
    assertClose(0.7803238741323343,
        lossOf("sparse_categorical_crossentropy", "linear", PROBS, new int[] {0, 2}), TOLERANCE);
    assertClose(0.7803238741323343, lossOf("sparse_categorical_crossentropy", "linear", PROBS,
        new int[][] {{0}, {2}}), TOLERANCE);
  }

  @Test
  void sparseCategoricalCrossentropyUsesSoftmaxLogits() {
    assertClose(1.2917592933465547,
        lossOf("sparse_categorical_crossentropy", "softmax", LOGITS, new int[] {0, 2}), TOLERANCE);
  }

  @Test
  void regressionLosses() {
    assertClose(0.885, lossOf("mse", "linear", REGRESSION, TARGETS), TOLERANCE);
    assertClose(0.885, lossOf("mean_squared_error", "linear", REGRESSION, TARGETS), TOLERANCE);
    assertClose(0.8, lossOf("mae", "linear", REGRESSION, TARGETS), TOLERANCE);
    assertClose(0.41125, lossOf("huber", "linear", REGRESSION, TARGETS), TOLERANCE);
  }

  @Test
  void hingeMapsZeroLabelsToMinusOne() {
    assertClose(0.95, lossOf("hinge", "linear", REGRESSION, new float[][] {{1, 0}, {0, 1}}),
        TOLERANCE);
  }

  @Test
  void klDivergence() {
    assertClose(0.26827885812198804, lossOf("kld", "linear", new float[][] {{0.3f, 0.7f},
        {0.9f, 0.1f}}, new float[][] {{0.2f, 0.8f}, {0.5f, 0.5f}}), TOLERANCE);
  }

  @Test
  void binaryCrossentropyOnProbabilitiesAndThroughSigmoid() {
    float[][] labels = {{1}, {0}, {0}};
    assertClose(0.49870307570903244,
        lossOf("binary_crossentropy", "linear", new float[][] {{0.8f}, {0.3f}, {0.6f}}, labels),
        TOLERANCE);
    assertClose(0.5041891332547657,
        lossOf("binary_crossentropy", "sigmoid", new float[][] {{1.5f}, {-0.4f}, {0.2f}}, labels),
        TOLERANCE);
  }

  @Test
  void integerLabelsWithCategoricalCrossentropyNameBothFixes() {
    var error = assertThrows(IllegalArgumentException.class,
        () -> lossOf("categorical_crossentropy", "softmax", LOGITS, new int[] {0, 2}));
    assertTrue(error.getMessage().contains("toCategorical(y, 3)"), error.getMessage());
    assertTrue(error.getMessage().contains("sparse_categorical_crossentropy"), error.getMessage());
  }

  @Test
  void unknownAliasListsTheValidOnes() {
    var error = assertThrows(IllegalArgumentException.class, () -> Losses.get("cross_entropy"));
    assertTrue(error.getMessage().contains("binary_crossentropy"), error.getMessage());
  }
}
