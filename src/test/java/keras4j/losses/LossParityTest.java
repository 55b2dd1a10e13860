package keras4j.losses;

import static keras4j.Keras.*;
import static keras4j.TestModels.assertClose;
import static keras4j.TestModels.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.models.Sequential;
import keras4j.tf.TF;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.StdArrays;

/**
 * Each loss against Keras 3.15.1: the expected values were printed by
 * src/test/resources/keras4j/loss_reference.py (same data), as {@code evaluate} with batch size
 * 2 over 4 samples, so every loss is checked on two batches.
 */
class LossParityTest {
  private static final double TOLERANCE = 1e-5;
  private static final float[][] P =
      {{0.7f, 0.2f, 0.1f}, {0.1f, 0.6f, 0.3f}, {0.3f, 0.3f, 0.4f}, {0.05f, 0.9f, 0.05f}};
  private static final float[][] ONE_HOT = {{1, 0, 0}, {0, 0, 1}, {0, 0, 1}, {0, 1, 0}};
  private static final float[][] BINARY = {{1, 0, 1}, {0, 0, 1}, {1, 1, 0}, {0, 1, 0}};
  private static final float[][] R =
      {{0.5f, -0.2f, 2.0f}, {1.5f, 2.0f, 0.1f}, {-1.0f, 3.0f, 0.4f}, {2.5f, 0.0f, 1.0f}};
  private static final float[][] T =
      {{1.0f, 0.5f, 2.5f}, {0.2f, 3.0f, 0.3f}, {-0.5f, 1.0f, 1.0f}, {2.0f, 0.7f, 0.25f}};
  private static final float[] W = {0.5f, 2.0f, 1.0f, 0.0f};

  /** The loss {@code evaluate} reports for predictions {@code pred}, two batches of two. */
  private static double evaluated(Loss loss, float[][] pred, float[][] labels) {
    try (Sequential model = identity(pred[0].length, "linear")) {
      model.compile(optimizer("sgd"), loss(loss));
      Map<String, Double> scores = model.evaluate(pred, labels, batchSize(2), verbose(0));
      return scores.get("loss");
    }
  }

  private static void check(double keras, Loss loss, float[][] pred, float[][] labels) {
    assertClose(keras, evaluated(loss, pred, labels), TOLERANCE);
  }

  @Test
  void regressionLosses() {
    check(145.41665649414062, Losses.get("mape"), R, T);
    check(0.06304813735187054, Losses.get("msle"), P, ONE_HOT);
    check(0.3183790594339371, Losses.get("log_cosh"), R, T);
    check(0.5485248565673828, Losses.get("poisson"), P, ONE_HOT);
    check(-0.8797042667865753, Losses.get("cosine_similarity"), R, T);
    check(0.31208331882953644, new Huber(0.7, "sum_over_batch_size"), R, T);
  }

  @Test
  void hingeLosses() {
    check(3.3466665744781494, Losses.get("squared_hinge"), R, BINARY);
    check(3.125, Losses.get("categorical_hinge"), R, ONE_HOT);
  }

  @Test
  void focalCrossentropies() {
    check(0.34082671254873276, Losses.get("binary_focal_crossentropy"), P, BINARY);
    check(0.13500655442476273,
        new BinaryFocalCrossentropy(true, 0.3, 1.5, false, 0.1, "sum_over_batch_size"), P, BINARY);
    check(0.6025164425373077,
        new BinaryFocalCrossentropy(false, 0.25, 2.0, true, 0, "sum_over_batch_size"), R, BINARY);
    check(0.05956035107374191, Losses.get("categorical_focal_crossentropy"), P, ONE_HOT);
    check(0.6866217851638794,
        new CategoricalFocalCrossentropy(0.4, 3.0, true, 0.2, "sum_over_batch_size"), R, ONE_HOT);
  }

  @Test
  void labelSmoothing() {
    check(0.7510438561439514, new BinaryCrossentropy(false, 0.2, "sum_over_batch_size"), P,
        BINARY);
    check(0.7285768389701843, new CategoricalCrossentropy(false, 0.1, "sum_over_batch_size"), P,
        ONE_HOT);
  }

  @Test
  void segmentationLosses() {
    check(0.47999998927116394, Losses.get("dice"), P, BINARY);
    check(0.43478259444236755, new Tversky(0.3, 0.7, "sum_over_batch_size"), P, BINARY);
  }

  private static FloatNdArray applied(String reduction) {
    var f = TF.function((KerasTensor yTrue, KerasTensor yPred, KerasTensor weight) ->
        new MeanSquaredError(reduction).apply(yTrue, yPred, weight));
    return f.call(KerasTensor.constant(StdArrays.ndCopyOf(T)),
        KerasTensor.constant(StdArrays.ndCopyOf(R)), KerasTensor.constant(StdArrays.ndCopyOf(W)))
        .numpy();
  }

  @Test
  void reductionsWithSampleWeights() {
    assertClose(3.5216665267944336, applied("sum").getFloat(), TOLERANCE);
    assertClose(0.8804166316986084, applied("sum_over_batch_size").getFloat(), TOLERANCE);
    assertClose(1.0061904191970825, applied("mean_with_sample_weight").getFloat(), TOLERANCE);
    FloatNdArray none = applied("none");
    float[] keras = {0.16500000655651093f, 1.8199998140335083f, 1.536666750907898f, 0f};
    for (int i = 0; i < keras.length; i++) {
      assertEquals(keras[i], none.getFloat(i), 1e-6);
    }
    var error = assertThrows(IllegalArgumentException.class, () -> new Dice("average"));
    assertTrue(error.getMessage().contains("sum_over_batch_size"), error.getMessage());
  }
}
