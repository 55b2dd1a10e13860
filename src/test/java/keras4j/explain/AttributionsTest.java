package keras4j.explain;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import keras4j.core.KerasTensor;
import keras4j.layers.Conv2D;
import keras4j.layers.Dense;
import keras4j.layers.Flatten;
import keras4j.layers.Input;
import keras4j.models.Model;
import keras4j.models.Sequential;
import keras4j.utils.RandomSeed;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;

/**
 * The gradient-based attributions against answers known in closed form: on a linear model {@code
 * f(x) = W x + b} the gradient of unit c is {@code W[:, c]}, so gradient × input, integrated
 * gradients from a zero baseline and occlusion by zeros all equal {@code W[i, c] x_i}, SmoothGrad
 * equals {@code W[i, c]} and saliency {@code |W[i, c]|}.
 */
class AttributionsTest {
  // Kernel [features=4, units=3] and bias of the linear model.
  private static final float[][] W = {
      {0.5f, -1.0f, 2.0f}, {-1.5f, 0.25f, 0.0f}, {3.0f, 1.0f, -0.5f}, {0.75f, -2.0f, 1.25f}};
  private static final float[] B = {0.1f, -0.2f, 0.3f};
  private static final float[][] X = {{1f, 2f, -1f, 0.5f}, {-2f, 0.3f, 4f, 1f}, {0f, -1f, 1f, 3f}};

  private static Model linear() {
    KerasTensor in = Input.shape(4);
    Dense dense = new Dense(3);
    Model model = new Model(in, dense.apply(in));
    dense.setWeights(List.of(StdArrays.ndCopyOf(W), StdArrays.ndCopyOf(B)));
    return model;
  }

  /** {@code W[i, targets[s]] * x[s][i]}, or {@code W[i, targets[s]]} without inputs. */
  private static void assertLinear(Attributions a, int[] targets, boolean timesInput, boolean abs,
      double tolerance) {
    assertArrayEquals(targets, a.targets());
    for (int s = 0; s < X.length; s++) {
      float[] got = a.sample(s);
      for (int i = 0; i < 4; i++) {
        double w = W[i][targets[s]];
        double expected = timesInput ? w * X[s][i] : abs ? Math.abs(w) : w;
        assertEquals(expected, got[i], tolerance, "sample " + s + ", feature " + i);
      }
      double f = B[targets[s]];
      for (int i = 0; i < 4; i++) {
        f += W[i][targets[s]] * X[s][i];
      }
      assertEquals(f, a.scores()[s], 1e-5, "f(x) of sample " + s);
    }
  }

  @Test
  void onALinearModelGradientTimesInputAndIntegratedGradientsAreWeightTimesInput() {
    int[] classes = {2, 0, 1};
    try (Model model = linear();
        GradientXInput gxi = new GradientXInput(model);
        IntegratedGradients ig = new IntegratedGradients(model).steps(16);
        Saliency saliency = new Saliency(model)) {
      assertLinear(gxi.explain(X, Target.classes(classes)), classes, true, false, 1e-4);
      PathAttributions path = ig.explain(X, Target.classes(classes));
      assertLinear(path, classes, true, false, 1e-4);
      assertArrayEquals(new float[] {B[2], B[0], B[1]}, path.baselineScores(), 1e-6f);
      assertTrue(path.maxRelativeCompletenessError() < 1e-5, path.maxRelativeCompletenessError()
          + "");
      assertLinear(saliency.explain(X, Target.classIndex(1)), new int[] {1, 1, 1}, false, true,
          1e-6);
      assertLinear(saliency.absolute(false).explain(X, Target.classIndex(1)), new int[] {1, 1, 1},
          false, false, 1e-6);
    }
  }

  @Test
  void smoothGradOfALinearModelIsItsWeightsAndOcclusionByZerosIsWeightTimesInput() {
    try (Model model = linear(); SmoothGrad smooth = new SmoothGrad(model).samples(8).seed(1)) {
      assertLinear(smooth.explain(X, Target.classIndex(0)), new int[] {0, 0, 0}, false, false,
          1e-5);
      // Occlusion only predicts: x_i set to 0 lowers f by W[i, c] x_i.
      assertLinear(new Occlusion(model).explain(X, Target.classIndex(2)), new int[] {2, 2, 2},
          true, false, 1e-4);
    }
  }

  @Test
  void theTargetMayBeThePredictedClass() {
    try (Model model = linear(); GradientXInput gxi = new GradientXInput(model)) {
      float[][] y = new float[3][3];
      StdArrays.copyFrom(model.predict(X), y);
      int[] argmax = new int[3];
      for (int s = 0; s < 3; s++) {
        for (int c = 1; c < 3; c++) {
          argmax[s] = y[s][c] > y[s][argmax[s]] ? c : argmax[s];
        }
      }
      assertLinear(gxi.explain(X, Target.predicted()), argmax, true, false, 1e-4);
    }
  }

  /**
   * The MLP is smooth (tanh): with ReLU the gradient jumps along the path where units switch, and
   * the trapezoid's error shrinks as 1/steps only (a few percent at 64 steps on this data).
   */
  @Test
  void integratedGradientsOfANonLinearMlpAreCompleteWithinOnePercentAt64Steps() {
    RandomSeed.set(3);
    KerasTensor in = Input.shape(10);
    KerasTensor h = new Dense(32, activation("tanh")).apply(in);
    h = new Dense(16, activation("tanh")).apply(h);
    KerasTensor out = new Dense(3, activation("softmax")).apply(h);
    SplittableRandom random = new SplittableRandom(7);
    float[][] x = new float[20][10];
    float[][] baseline = new float[1][10];
    for (float[] row : x) {
      for (int j = 0; j < 10; j++) {
        row[j] = (float) (2 * random.nextGaussian());
      }
    }
    for (int j = 0; j < 10; j++) {
      baseline[0][j] = 0.1f * j;
    }
    try (Model model = new Model(in, out);
        IntegratedGradients ig = new IntegratedGradients(model).steps(64).baseline(baseline)) {
      PathAttributions a = ig.explain(x, Target.predicted());
      assertTrue(a.maxRelativeCompletenessError() < 0.01,
          "completeness error " + a.maxRelativeCompletenessError());
      // The baseline scores are the model's outputs at the baseline.
      float[][] fb = new float[1][3];
      StdArrays.copyFrom(model.predict(baseline), fb);
      for (int s = 0; s < x.length; s++) {
        assertEquals(fb[0][a.targets()[s]], a.baselineScores()[s], 1e-5);
      }
      // Two steps (the trapezoid on the two ends) are far from complete on this MLP: the check
      // above is not vacuous.
      assertTrue(ig.steps(2).explain(x, Target.predicted()).maxRelativeCompletenessError() > 0.01);
    }
  }

  /**
   * Images of 2 channels: channel 0 lit in the top-left corner, channel 1 in the bottom-right. A
   * 1x1 convolution copies the channels through ReLU, and the logit of class 1 sums channel 0,
   * that of class 0 channel 1: so each class depends on one region, and Grad-CAM of class 1 is
   * exactly {@code relu(x[..., 0])} (every channel-0 gradient is 1, every channel-1 one 0).
   */
  private static float[][][][] twoRegionImages() {
    float[][][][] images = new float[2][6][6][2];
    for (int s = 0; s < 2; s++) {
      for (int r = 0; r < 2; r++) {
        for (int c = 0; c < 2; c++) {
          images[s][r][c][0] = 1 + s + r;
          images[s][5 - r][5 - c][1] = 2 - s;
        }
      }
    }
    return images;
  }

  private static void setCamWeights(Conv2D conv, Dense dense) {
    conv.setWeights(List.of(StdArrays.ndCopyOf(new float[][][][] {{{{1, 0}, {0, 1}}}}),
        StdArrays.ndCopyOf(new float[] {0, 0})));
    float[][] kernel = new float[72][2];
    for (int p = 0; p < 36; p++) {
      kernel[p * 2][1] = 1;
      kernel[p * 2 + 1][0] = 1;
    }
    dense.setWeights(List.of(StdArrays.ndCopyOf(kernel), StdArrays.ndCopyOf(new float[2])));
  }

  private static void assertCamIsChannel(Attributions cam, float[][][][] images, int channel) {
    assertEquals(Shape.of(2, 6, 6), cam.values().shape());
    for (int s = 0; s < 2; s++) {
      float[] map = cam.sample(s);
      for (int p = 0; p < 36; p++) {
        assertEquals(images[s][p / 6][p % 6][channel], map[p], 1e-5, "sample " + s + " at " + p);
      }
    }
  }

  @Test
  void gradCamHighlightsTheRegionTheClassDependsOnInFunctionalAndSequentialModels() {
    float[][][][] images = twoRegionImages();
    KerasTensor in = Input.shape(6, 6, 2);
    Conv2D conv = new Conv2D(2, 1, activation("relu"), name("features"));
    Dense dense = new Dense(2, name("logits"));
    try (Model functional = new Model(in, dense.apply(new Flatten().apply(conv.apply(in))));
        GradCam cam = new GradCam(functional, "features")) {
      setCamWeights(conv, dense);
      assertCamIsChannel(cam.explain(images, Target.classIndex(1)), images, 0);
      assertCamIsChannel(cam.explain(images, Target.classIndex(0)), images, 1);
    }
    Conv2D conv2 = new Conv2D(2, 1, activation("relu"), name("features2"), inputShape(6, 6, 2));
    Dense dense2 = new Dense(2);
    try (Sequential sequential = new Sequential(List.of(conv2, new Flatten(), dense2));
        GradCam cam = new GradCam(sequential, "features2")) {
      sequential.predict(images);
      setCamWeights(conv2, dense2);
      assertCamIsChannel(cam.explain(images, Target.classIndex(1)), images, 0);
    }
  }

  @Test
  void badInputsAreClearErrors() {
    try (Model model = linear(); IntegratedGradients ig = new IntegratedGradients(model)) {
      assertTrue(assertThrows(IllegalArgumentException.class,
          () -> ig.explain(new float[][] {{1, 2, 3}}, Target.classIndex(0))).getMessage()
          .contains("expects inputs of shape"));
      assertTrue(assertThrows(IllegalArgumentException.class,
          () -> ig.explain(X, Target.classIndex(3))).getMessage().contains("out of range"));
      assertTrue(assertThrows(IllegalArgumentException.class,
          () -> ig.explain(X, Target.classes(0, 1))).getMessage().contains("one per sample"));
      assertTrue(assertThrows(IllegalArgumentException.class,
          () -> ig.baseline(new float[][] {{0, 0}}).explain(X, Target.classIndex(0)))
          .getMessage().contains("baseline"));
      assertThrows(IllegalArgumentException.class, () -> ig.steps(1));
      assertTrue(assertThrows(IllegalArgumentException.class,
          () -> new GradCam(model, "nope")).getMessage().contains("no layer named"));
      try (GradCam dense = new GradCam(model, model.layers().get(1).name())) {
        String message = assertThrows(IllegalArgumentException.class,
            () -> dense.explain(X, Target.classIndex(0))).getMessage();
        assertTrue(message.contains("4-D output"), message);
      }
      assertThrows(IllegalArgumentException.class,
          () -> new Occlusion(model).window(5).explain(X, Target.classIndex(0)));
    }
  }
}
