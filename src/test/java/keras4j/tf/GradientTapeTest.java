package keras4j.tf;

import static keras4j.tf.TF.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.StdArrays;

/**
 * Tape gradients against gradients derived by hand and computed in float64 by numpy. The script:
 *
 * <pre>
 * f = lambda a: np.array(a, dtype=np.float32).astype(np.float64)
 * x, W, b, y = f(X), f(W), f(B), f(Y)                     # the constants below
 * z = x @ W + b; h = np.maximum(z, 0); loss = np.mean((h - y) ** 2)
 * dz = 2 * (h - y) / h.size * (z > 0)
 * dW = x.T @ dz; db = dz.sum(0); dx = dz @ W.T
 * lg = x @ W2 + b2; p = softmax(lg); loss2 = np.mean(-(labels * np.log(p)).sum(1))
 * dl = (p - labels) / 4; dW2 = x.T @ dl; db2 = dl.sum(0)
 * </pre>
 */
class GradientTapeTest {
  static final float[][] X = {{0.5f, -1.2f, 2.0f}, {1.5f, 0.3f, -0.7f}, {-0.4f, 0.9f, 1.1f},
      {2.2f, -0.6f, 0.8f}};
  static final float[][] W = {{0.3f, -0.8f}, {0.6f, 0.2f}, {-0.5f, 0.9f}};
  static final float[] B = {0.15f, -0.2f};
  static final float[][] Y = {{1.0f, 0.0f}, {0.5f, 1.5f}, {0.0f, 2.0f}, {1.0f, -1.0f}};

  static final double LOSS = 0.8719374855272481;
  static final double[][] DW = {{-0.28824999, 0.19099999}, {0.19425001, -0.44774999},
      {-0.29475001, 0.28474996}};
  static final double[][] DB = {{-0.07499999, 0.06249998}};
  static final double[][] DX = {{-0.19199999, 0.048, 0.21599998}, {0.04725, 0.09450001, -0.07875},
      {0.1435, -0.0325, -0.16225}, {-0.07125, -0.1425, 0.11875}};

  static final float[][] W2 = {{0.3f, -0.8f, 0.1f}, {0.6f, 0.2f, -0.4f}, {-0.5f, 0.9f, 0.7f}};
  static final float[] B2 = {0.1f, -0.2f, 0.05f};
  static final float[][] LABELS = {{1, 0, 0}, {0, 0, 1}, {0, 1, 0}, {0, 0, 1}};
  static final double CE_LOSS = 1.5982418095724962;
  static final double[][] DW2 = {{0.28847836, 0.12085367, -0.40933203},
      {0.35178259, -0.17568743, -0.17609515}, {-0.53459161, 0.02338392, 0.5112077}};
  static final double[][] DB2 = {{0.05165944, -0.01229908, -0.03936036}};

  @Test
  void matmulBiasReluMseGradientsMatchNumpy() {
    Variable w = variable(constant(W));
    Variable b = variable(constant(B));
    try (var f = function(x -> {
      GradientTape tape = new GradientTape();
      KerasTensor loss;
      try (tape) {
        tape.watch(x);
        KerasTensor h = nn.relu(add(matmul(x, w), b));
        loss = reduceMean(square(subtract(h, constant(Y))));
      }
      List<KerasTensor> out = new ArrayList<>(List.of(loss));
      out.addAll(tape.gradient(loss, List.of(w, b, x)));
      return out;
    })) {
      List<KerasTensor> r = f.call((Object) X);
      assertEquals(LOSS, r.get(0).numpy().getFloat(), 1e-5 * LOSS);
      assertClose(DW, r.get(1).numpy());
      assertClose(DB, r.get(2).numpy());
      assertClose(DX, r.get(3).numpy());
    }
  }

  @Test
  void softmaxCrossEntropyGradientsMatchNumpy() {
    Variable w = variable(constant(W2));
    Variable b = variable(constant(B2));
    try (var f = function((x, labels) -> {
      GradientTape tape = new GradientTape();
      KerasTensor loss;
      try (tape) {
        KerasTensor logits = add(matmul(x, w), b);
        loss = reduceMean(nn.softmaxCrossEntropyWithLogits(labels, logits));
      }
      List<KerasTensor> out = new ArrayList<>(List.of(loss));
      out.addAll(tape.gradient(loss, List.of(w, b)));
      // The same loss written out, -sum(labels * log(softmax)), must give the same gradients.
      GradientTape tape2 = new GradientTape();
      KerasTensor loss2;
      try (tape2) {
        KerasTensor p = nn.softmax(add(matmul(x, w), b));
        loss2 = reduceMean(negative(reduceSum(multiply(labels, log(p)), 1)));
      }
      out.add(loss2);
      out.addAll(tape2.gradient(loss2, List.of(w, b)));
      return out;
    })) {
      List<KerasTensor> r = f.call(X, LABELS);
      assertEquals(CE_LOSS, r.get(0).numpy().getFloat(), 1e-5 * CE_LOSS);
      assertClose(DW2, r.get(1).numpy());
      assertClose(DB2, r.get(2).numpy());
      assertEquals(CE_LOSS, r.get(3).numpy().getFloat(), 1e-5 * CE_LOSS);
      assertClose(DW2, r.get(4).numpy());
      assertClose(DB2, r.get(5).numpy());
    }
  }

  @Test
  void unconnectedAndUnwatchedSourcesGetNull() {
    Variable used = variable(constant(new float[] {3f}));
    Variable unused = variable(constant(new float[] {1f}));
    Variable frozen = variable(constant(new float[] {2f}), "frozen", false);
    try (var f = function(x -> {
      GradientTape tape = new GradientTape(true);
      KerasTensor loss;
      try (tape) {
        loss = reduceSum(multiply(multiply(x, used), frozen));
      }
      KerasTensor afterClose = reduceSum(multiply(x, used));
      List<KerasTensor> grads = new ArrayList<>(tape.gradient(loss, List.of(used, unused, frozen, x)));
      assertNull(grads.get(1), "a variable the loss does not use");
      assertNull(grads.get(2), "a non-trainable variable that was not watched");
      assertNull(grads.get(3), "a tensor that was not watched");
      assertNull(tape.gradient(afterClose, used), "a target computed after the tape closed");
      assertNotNull(grads.get(0));
      return grads.get(0);
    })) {
      // d(sum(x * used * frozen))/d(used) = sum(x) * frozen = (1 + 2) * 2
      assertEquals(6f, f.call((Object) new float[] {1f, 2f}).numpy().getFloat(0), 1e-6);
    }
  }

  @Test
  void watchedNonTrainableVariableGetsAGradient() {
    Variable frozen = variable(constant(new float[] {2f}), "frozen", false);
    try (var f = function(x -> {
      try (GradientTape tape = new GradientTape()) {
        tape.watch(frozen);
        return tape.gradient(reduceSum(square(multiply(x, frozen))), frozen);
      }
    })) {
      // d(sum((x * v)^2))/dv = sum(2 * x^2 * v) = 2 * 9 * 2
      assertEquals(36f, f.call((Object) new float[] {3f}).numpy().getFloat(0), 1e-5);
    }
  }

  @Test
  void nonPersistentTapeComputesGradientsOnce() {
    Variable w = variable(constant(new float[] {1f}));
    try (var f = function(x -> {
      GradientTape tape = new GradientTape();
      KerasTensor loss;
      try (tape) {
        loss = reduceSum(multiply(x, w));
      }
      tape.gradient(loss, w);
      return tape.gradient(loss, w);
    })) {
      var e = assertThrows(IllegalStateException.class, () -> f.call((Object) new float[] {1f}));
      assertTrue(e.getMessage().contains("new GradientTape(true)"), e.getMessage());
    }
  }

  @Test
  void closedTapeRecordsNothingMore() {
    try (var f = function(x -> {
      GradientTape tape = new GradientTape();
      tape.close();
      tape.watch(x);
      return x;
    })) {
      var e = assertThrows(IllegalStateException.class, () -> f.call((Object) new float[] {1f}));
      assertTrue(e.getMessage().contains("was closed"), e.getMessage());
    }
  }

  @Test
  void tapeKeptFromAnEarlierTraceIsRejected() {
    List<GradientTape> kept = new ArrayList<>();
    Variable w = variable(constant(new float[] {1f}));
    try (var f = function(x -> {
      kept.add(new GradientTape());
      return multiply(x, w);
    }); var g = function(x -> kept.get(0).gradient(multiply(x, w), w))) {
      f.call((Object) new float[] {1f});
      var e = assertThrows(IllegalStateException.class, () -> g.call((Object) new float[] {1f}));
      assertTrue(e.getMessage().contains("has ended"), e.getMessage());
    }
  }

  @Test
  void tapeOutsideATracedFunctionExplainsWhereItBelongs() {
    var e = assertThrows(IllegalStateException.class, GradientTape::new);
    assertTrue(e.getMessage().contains("TF.function"), e.getMessage());
  }

  /** Element-wise |actual - expected| <= 1e-5 * max(|expected|) (relative to the array's scale). */
  static void assertClose(double[][] expected, FloatNdArray actual) {
    float[][] a = actual.rank() == 1
        ? new float[][] {StdArrays.array1dCopyOf(actual)} : StdArrays.array2dCopyOf(actual);
    double scale = 0;
    for (double[] row : expected) {
      for (double v : row) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    assertEquals(expected.length, a.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i].length, a[i].length);
      for (int j = 0; j < expected[i].length; j++) {
        assertEquals(expected[i][j], a[i][j], 1e-5 * scale, "element [" + i + "][" + j + "]");
      }
    }
  }
}
