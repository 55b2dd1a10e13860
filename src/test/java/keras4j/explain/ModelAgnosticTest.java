package keras4j.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import keras4j.core.KerasTensor;
import keras4j.layers.Dense;
import keras4j.layers.Input;
import keras4j.models.Model;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;

/**
 * Kernel SHAP against closed forms (on a linear model {@code w_i (x_i - E[x_i])}; on a model with
 * an interaction, the Shapley values computed by their definition) and permutation importance on
 * synthetic data whose informative features are known.
 */
class ModelAgnosticTest {
  private static float[][] gaussian(int n, int features, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] out = new float[n][features];
    for (float[] row : out) {
      for (int f = 0; f < features; f++) {
        row[f] = (float) random.nextGaussian();
      }
    }
    return out;
  }

  private static Model linear(float[][] kernel, float[] bias) {
    KerasTensor in = Input.shape(kernel.length);
    Dense dense = new Dense(bias.length);
    Model model = new Model(in, dense.apply(in));
    dense.setWeights(List.of(StdArrays.ndCopyOf(kernel), StdArrays.ndCopyOf(bias)));
    return model;
  }

  /** Kernel SHAP of a 2-output linear model: {@code W[i][k] (x_i - mean(background_i))}. */
  private static void assertLinearShap(int features, int nsamples) {
    float[][] kernel = gaussian(features, 2, 11);
    float[] bias = {0.5f, -1f};
    float[][] background = gaussian(30, features, 12);
    float[][] x = gaussian(4, features, 13);
    try (Model model = linear(kernel, bias)) {
      KernelExplainer explainer = new KernelExplainer(model, background).seed(5);
      ShapValues shap = nsamples > 0 ? explainer.shapValues(x, nsamples) : explainer.shapValues(x);
      for (int k = 0; k < 2; k++) {
        double[][] values = shap.values(k);
        double expected = bias[k];
        for (int f = 0; f < features; f++) {
          double mean = 0;
          for (float[] row : background) {
            mean += row[f] / background.length;
          }
          expected += kernel[f][k] * mean;
          for (int s = 0; s < x.length; s++) {
            assertEquals(kernel[f][k] * (x[s][f] - mean), values[s][f], 1e-4,
                "output " + k + ", sample " + s + ", feature " + f);
          }
        }
        assertEquals(expected, shap.expectedValue()[k], 1e-4);
      }
      assertTrue(shap.maxAdditivityError() < 1e-4, "additivity " + shap.maxAdditivityError());
    }
  }

  @Test
  void kernelShapOfALinearModelIsWeightTimesDeviationFromTheMean() {
    assertLinearShap(6, -1); // 62 coalitions: all enumerated
    assertLinearShap(14, 600); // 16382 coalitions: sizes 1 and 13 enumerated, the rest drawn
  }

  /** f(x) = x0 x1 + 2 x2 - x3², by hand (a Predictor need not be a keras4j model). */
  private static float f(float[] x) {
    return x[0] * x[1] + 2 * x[2] - x[3] * x[3];
  }

  private static FloatNdArray predict(FloatNdArray x) {
    int n = (int) x.shape().get(0);
    FloatNdArray out = NdArrays.ofFloats(Shape.of(n, 1));
    for (int i = 0; i < n; i++) {
      float[] row = new float[4];
      for (int j = 0; j < 4; j++) {
        row[j] = x.getFloat(i, j);
      }
      out.setFloat(f(row), i, 0);
    }
    return out;
  }

  /** v(S) = mean over the background of f with S's features from x. */
  private static double value(int coalition, float[] x, float[][] background) {
    double sum = 0;
    for (float[] row : background) {
      float[] z = row.clone();
      for (int j = 0; j < 4; j++) {
        if ((coalition & (1 << j)) != 0) {
          z[j] = x[j];
        }
      }
      sum += f(z);
    }
    return sum / background.length;
  }

  private static int factorial(int n) {
    return n <= 1 ? 1 : n * factorial(n - 1);
  }

  @Test
  void kernelShapWithEveryCoalitionIsTheShapleyValueOfTheDefinition() {
    float[][] background = gaussian(10, 4, 21);
    float[][] x = gaussian(3, 4, 22);
    ShapValues shap = new KernelExplainer(ModelAgnosticTest::predict, background).shapValues(x);
    for (int s = 0; s < x.length; s++) {
      for (int i = 0; i < 4; i++) {
        double phi = 0;
        for (int coalition = 0; coalition < 16; coalition++) {
          if ((coalition & (1 << i)) == 0) {
            int size = Integer.bitCount(coalition);
            double weight = factorial(size) * factorial(4 - size - 1) / (double) factorial(4);
            phi += weight * (value(coalition | (1 << i), x[s], background)
                - value(coalition, x[s], background));
          }
        }
        assertEquals(phi, shap.values(0)[s][i], 1e-4, "sample " + s + ", feature " + i);
      }
    }
  }

  @Test
  void aFeatureEqualToTheWholeBackgroundGetsZero() {
    float[][] background = {{1, 2, 3, 4}, {1, -2, 0, 1}};
    float[][] x = {{1, 5, 1, 2}};
    ShapValues shap = new KernelExplainer(ModelAgnosticTest::predict, background).shapValues(x);
    assertEquals(0, shap.values(0)[0][0]);
    assertTrue(shap.maxAdditivityError() < 1e-5);
  }

  @Test
  void permutationImportanceRanksTheInformativeFeaturesAboveTheNoise() {
    // y = 3 x0 - 2 x1 + 0.5 x2 + noise; x3..x5 are pure noise the model ignores.
    float[][] kernel = {{3}, {-2}, {0.5f}, {0}, {0}, {0}};
    float[][] x = gaussian(400, 6, 31);
    float[][] y = new float[400][1];
    SplittableRandom random = new SplittableRandom(32);
    for (int i = 0; i < 400; i++) {
      y[i][0] = (float) (3 * x[i][0] - 2 * x[i][1] + 0.5 * x[i][2] + 0.1 * random.nextGaussian());
    }
    try (Model model = linear(kernel, new float[] {0})) {
      Importances imp = new PermutationImportance(model, "mse").repeats(5).seed(3)
          .featureNames(List.of("a", "b", "c", "n1", "n2", "n3")).compute(x, y);
      assertArrayEquals(new int[] {0, 1, 2}, java.util.Arrays.copyOf(imp.ranking(), 3));
      double[] mean = imp.mean();
      // Shuffling x_i of variance 1 adds 2 w_i² to the mean squared error.
      assertEquals(18, mean[0], 2.5);
      assertEquals(8, mean[1], 1.2);
      assertEquals(0.5, mean[2], 0.15);
      for (int f = 3; f < 6; f++) {
        assertEquals(0, mean[f], 1e-6);
        assertEquals(0, imp.std()[f], 1e-6);
      }
      assertEquals(0.01, imp.baselineScore(), 0.005);
      assertTrue(imp.toString().startsWith("a  "), imp.toString());
    }
  }

  @Test
  void permutationImportanceTakesAnyMetricWithItsDirection() {
    float[][] x = gaussian(300, 3, 41);
    float[][] labels = new float[300][1];
    for (int i = 0; i < 300; i++) {
      labels[i][0] = x[i][1] > 0 ? 1 : 0;
    }
    // A "classifier" thresholding feature 1 only: accuracy 1, and 0.5 when shuffled.
    Predictor classifier = input -> {
      int n = (int) input.shape().get(0);
      FloatNdArray out = NdArrays.ofFloats(Shape.of(n, 1));
      for (int i = 0; i < n; i++) {
        out.setFloat(input.getFloat(i, 1) > 0 ? 0.9f : 0.1f, i, 0);
      }
      return out;
    };
    try (Scorer accuracy = Scorer.of("accuracy")) {
      assertTrue(accuracy.greaterIsBetter());
      Importances imp = new PermutationImportance(classifier, accuracy).seed(1).compute(x, labels);
      assertEquals(1.0, imp.baselineScore(), 1e-6);
      assertEquals(0.5, imp.mean()[1], 0.1);
      assertEquals(0, imp.mean()[0], 1e-9);
    }
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Scorer.of("nope"))
        .getMessage().contains("Unknown scorer"));
  }
}
