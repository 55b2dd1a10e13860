package keras4j.layers;

import static keras4j.Keras.*;
import static keras4j.TestModels.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import keras4j.models.Sequential;
import keras4j.utils.RandomSeed;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.junit.jupiter.api.Test;

/** Dense against numpy (src/test/resources/keras4j/reference_values.py) and Keras's defaults. */
class DenseTest {
  private static final float[][] X = {{0.1f, -0.2f, 0.3f, 0.4f}, {1.0f, 0.5f, -0.5f, 2.0f}};

  private static List<FloatNdArray> referenceWeights() {
    float[][] w1 = new float[4][3];
    for (int i = 0; i < 12; i++) {
      w1[i / 3][i % 3] = i / 10f - 0.5f;
    }
    float[][] w2 = new float[3][2];
    for (int i = 0; i < 6; i++) {
      w2[i / 2][i % 2] = i / 5f - 0.4f;
    }
    return List.of(StdArrays.ndCopyOf(w1), StdArrays.ndCopyOf(new float[] {0.1f, -0.1f, 0.2f}),
        StdArrays.ndCopyOf(w2), StdArrays.ndCopyOf(new float[] {0.05f, -0.05f}));
  }

  private static float[][] forward(String outputActivation) {
    try (var model = new Sequential(new Dense(3, activation("relu"), inputShape(4)),
        new Dense(2, activation(outputActivation)))) {
      model.setWeights(referenceWeights());
      return StdArrays.array2dCopyOf(model.predict(X));
    }
  }

  @Test
  void forwardPassMatchesNumpy() {
    double[][] linear = {{0.138, 0.22199999999999998}, {0.33, 0.54}};
    double[][] softmax = {{0.4790123392934677, 0.5209876607065324},
        {0.44769209042567476, 0.5523079095743253}};
    float[][] gotLinear = forward("linear");
    float[][] gotSoftmax = forward("softmax");
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        assertClose(linear[i][j], gotLinear[i][j], 1e-6);
        assertClose(softmax[i][j], gotSoftmax[i][j], 1e-6);
      }
    }
  }

  @Test
  void weightsAreKernelThenBiasWithGlorotUniformKernelAndZeroBias() {
    RandomSeed.set(7);
    Dense dense = new Dense(128);
    try (var model = new Sequential(dense)) {
      model.predict(new float[1][784]);
      List<FloatNdArray> weights = dense.getWeights();
      assertEquals(Shape.of(784, 128), weights.get(0).shape());
      assertEquals(Shape.of(128), weights.get(1).shape());
      double limit = Math.sqrt(6.0 / (784 + 128));
      double sum = 0;
      double sumSquares = 0;
      float[][] kernel = StdArrays.array2dCopyOf(weights.get(0));
      for (float[] row : kernel) {
        for (float w : row) {
          assertTrue(Math.abs(w) <= limit, "kernel value " + w + " outside +-" + limit);
          sum += w;
          sumSquares += w * w;
        }
      }
      int n = 784 * 128;
      // Uniform(-a, a): mean 0, variance a^2 / 3; with n = 100352 draws the sample mean's standard
      // error is a / sqrt(3n) ~ 1.5e-4 and the variance's relative error ~ 0.3%.
      assertEquals(0, sum / n, 1e-3);
      assertClose(limit * limit / 3, sumSquares / n, 0.02);
      for (float b : StdArrays.array1dCopyOf(weights.get(1))) {
        assertEquals(0f, b);
      }
    }
  }

  @Test
  void setWeightsChecksShapesAndNamesTheLayer() {
    Dense dense = new Dense(2, inputShape(3), name("probe"));
    try (var model = new Sequential(dense)) {
      model.predict(new float[1][3]);
      var error = assertThrows(IllegalArgumentException.class,
          () -> dense.setWeights(List.of(NdArrays.ofFloats(Shape.of(4, 2)),
              NdArrays.ofFloats(Shape.of(2)))));
      assertTrue(error.getMessage().contains("probe"), error.getMessage());
      assertTrue(error.getMessage().contains("(3, 2)"), error.getMessage());
      assertTrue(error.getMessage().contains("(4, 2)"), error.getMessage());
    }
  }

  @Test
  void worksOnTheLastAxisOfHigherRankInputsAsKerasAndNeedsItKnown() {
    // As Keras 3: (batch, 28, 28) through Dense(3) is (batch, 28, 3), a (28, 3) kernel; the
    // numbers are checked against Keras in LayerFixturesTest (dense_rank3).
    Dense dense = new Dense(3);
    dense.ensureBuilt(Shape.of(-1, 28, 28));
    assertEquals(Shape.of(28, 3), dense.getWeights().get(0).shape());
    assertArrayEquals(new long[] {-1, 28, 3},
        dense.computeOutputShape(Shape.of(-1, 28, 28)).asArray());
    var error = assertThrows(IllegalArgumentException.class,
        () -> new Dense(3).ensureBuilt(Shape.of(-1, 4, -1)));
    assertTrue(error.getMessage().contains("last axis known"), error.getMessage());
  }
}
