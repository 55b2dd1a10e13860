package keras4j.explain;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import keras4j.layers.Concatenate;
import keras4j.layers.Dense;
import keras4j.layers.Input;
import keras4j.models.Model;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.StdArrays;

/**
 * Gradient explainers on a model of two inputs and two outputs, against closed forms: output
 * "total" is {@code u·a + v·b + c} over both inputs (a Dense on their concatenation), output
 * "cls" is {@code V b + d} over input b only; gradient × input and integrated gradients (zero
 * baseline) of a linear unit are weight × input, per input, and an input the output does not read
 * gets zeros.
 */
class MultiIoAttributionsTest {
  private static final float[] U = {0.5f, -1.0f, 2.0f};
  private static final float[] V = {1.5f, -0.25f};
  private static final float[][] CLS = {{1f, -2f}, {0.5f, 3f}};
  private static final float[][] A = {{1f, 2f, -1f}, {-2f, 0.5f, 4f}};
  private static final float[][] B = {{3f, -1f}, {0.25f, 2f}};

  private static Model model() {
    var a = Input.named("a", 3);
    var b = Input.named("b", 2);
    Dense total = new Dense(1, name("total"));
    Dense cls = new Dense(2, name("cls"));
    var outTotal = total.apply(new Concatenate().apply(a, b));
    var outCls = cls.apply(b);
    Model model = new Model(List.of(a, b), List.of(outTotal, outCls));
    total.setWeights(List.of(StdArrays.ndCopyOf(new float[][] {{U[0]}, {U[1]}, {U[2]}, {V[0]},
        {V[1]}}), StdArrays.ndCopyOf(new float[] {0.1f})));
    cls.setWeights(List.of(StdArrays.ndCopyOf(CLS), StdArrays.ndCopyOf(new float[] {0f, 0.2f})));
    return model;
  }

  private static float[][] matrix(FloatNdArray array) {
    float[][] out = new float[(int) array.shape().get(0)][(int) array.shape().get(1)];
    StdArrays.copyFrom(array, out);
    return out;
  }

  @Test
  void eachInputGetsWeightTimesInputForTheNamedOutput() {
    try (Model model = model();
        GradientXInput gxi = new GradientXInput(model);
        IntegratedGradients ig = new IntegratedGradients(model).steps(8)) {
      for (Attributions at : List.of(
          gxi.explain(List.of(A, B), Target.classIndex(0).output("total")),
          ig.explain(Map.of("b", B, "a", A), Target.classIndex(0).output(0)))) {
        assertEquals(List.of("a", "b"), at.inputNames());
        float[][] ga = matrix(at.values("a"));
        float[][] gb = matrix(at.values(1));
        for (int s = 0; s < 2; s++) {
          double f = 0.1;
          for (int i = 0; i < 3; i++) {
            assertEquals(U[i] * A[s][i], ga[s][i], 1e-5);
            f += U[i] * A[s][i];
          }
          for (int i = 0; i < 2; i++) {
            assertEquals(V[i] * B[s][i], gb[s][i], 1e-5);
            f += V[i] * B[s][i];
          }
          assertEquals(f, at.scores()[s], 1e-5);
        }
      }
      // Class 1 of "cls" reads only b: V[:, 1] * b, and zeros for a; f = CLS[:,1]·b + 0.2.
      Attributions cls = gxi.explain(List.of(A, B), Target.classIndex(1).output("cls"));
      assertArrayEquals(new int[] {1, 1}, cls.targets());
      float[][] ga = matrix(cls.values("a"));
      float[][] gb = matrix(cls.values("b"));
      for (int s = 0; s < 2; s++) {
        assertArrayEquals(new float[3], ga[s], 0f);
        assertArrayEquals(new float[] {CLS[0][1] * B[s][0], CLS[1][1] * B[s][1]}, gb[s], 1e-5f);
        assertEquals(CLS[0][1] * B[s][0] + CLS[1][1] * B[s][1] + 0.2f, cls.scores()[s], 1e-5);
      }
    }
  }

  @Test
  void predictedClassIsOfTheChosenOutput() {
    try (Model model = model(); Saliency saliency = new Saliency(model)) {
      // cls of sample 0: (3 - 0.5, -6 - 3 + 0.2) -> class 0; sample 1: (0.25 + 1, -0.5 + 6.2) -> 1.
      Attributions a = saliency.explain(List.of(A, B), Target.predicted().output("cls"));
      assertArrayEquals(new int[] {0, 1}, a.targets());
    }
  }

  @Test
  void misuseIsNamed() {
    try (Model model = model(); Saliency saliency = new Saliency(model)) {
      var noOutput = assertThrows(IllegalArgumentException.class,
          () -> saliency.explain(List.of(A, B), Target.classIndex(0)));
      assertTrue(noOutput.getMessage().contains("[total, cls]"), noOutput.getMessage());
      var badName = assertThrows(IllegalArgumentException.class,
          () -> saliency.explain(List.of(A, B), Target.classIndex(0).output("nope")));
      assertTrue(badName.getMessage().contains("'nope'"), badName.getMessage());
      var oneInput = assertThrows(IllegalArgumentException.class,
          () -> saliency.explain(A, Target.classIndex(0).output(0)));
      assertTrue(oneInput.getMessage().contains("2 inputs [a, b]"), oneInput.getMessage());
      var shape = assertThrows(IllegalArgumentException.class,
          () -> saliency.explain(List.of(B, B), Target.classIndex(0).output(0)));
      assertTrue(shape.getMessage().contains("Input 'a' takes samples of shape (3,)"),
          shape.getMessage());
      Attributions a = saliency.explain(List.of(A, B), Target.classIndex(0).output(0));
      assertThrows(IllegalStateException.class, a::values);
    }
  }
}
