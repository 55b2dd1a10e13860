package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import keras4j.layers.Dense;
import keras4j.utils.RandomSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * {@code jitCompile(true)}: the XLA-compiled steps train to the weights and losses of the plain
 * float32 steps within float32 rounding, predict the same, and the setting is saved as Keras's
 * {@code jit_compile}; a Keras-written file compiled with {@code jit_compile=True}
 * (make_jit_compile.py) loads with XLA on and predicts Keras's outputs.
 */
class JitCompileTest {
  @TempDir
  Path dir;

  private static Sequential mlp() {
    return new Sequential(new Dense(16, activation("relu"), inputShape(5)),
        new Dense(3, activation("softmax")));
  }

  @Test
  void xlaStepsTrainAsThePlainSteps() throws Exception {
    float[][] x = StepsPerExecutionTest.features();
    int[] y = StepsPerExecutionTest.labels();
    RandomSeed.set(3);
    try (Sequential plain = mlp(); Sequential jit = mlp()) {
      jit.setWeights(plain.getWeights());
      plain.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"),
          metrics("accuracy"));
      jit.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"),
          metrics("accuracy"), jitCompile(true));
      List<Double> plainLosses = plain.fit(x, y, epochs(4), batchSize(8), shuffle(false),
          verbose(0)).history().get("loss");
      List<Double> jitLosses = jit.fit(x, y, epochs(4), batchSize(8), shuffle(false),
          verbose(0)).history().get("loss");
      for (int e = 0; e < plainLosses.size(); e++) {
        assertEquals(plainLosses.get(e), jitLosses.get(e), 1e-5 * plainLosses.get(e), "epoch " + e);
      }
      assertTrue(plainLosses.get(3) < plainLosses.get(0) - 0.005, "it trained: " + plainLosses);
      List<FloatNdArray> a = plain.getWeights();
      List<FloatNdArray> b = jit.getWeights();
      for (int i = 0; i < a.size(); i++) {
        assertClose(a.get(i), b.get(i), 1e-5);
      }
      assertClose(plain.predict(x), jit.predict(x), 1e-5);

      jit.save(dir.resolve("jit.keras"));
      try (Model loaded = Model.load(dir.resolve("jit.keras"))) {
        Map<String, Object> compile = CompileConfig.toConfig(loaded);
        assertEquals(true, CompileConfig.toConfig(jit).get("jit_compile"));
        assertEquals(false, CompileConfig.toConfig(plain).get("jit_compile"));
        assertEquals(true, compile.get("jit_compile"), "loaded as saved");
      }
    }
  }

  @Test
  void compilingAgainWithoutXlaKeepsTheTrainedWeights() {
    float[][] x = StepsPerExecutionTest.features();
    int[] y = StepsPerExecutionTest.labels();
    try (Sequential model = mlp()) {
      model.compile(optimizer("sgd"), loss("sparse_categorical_crossentropy"), jitCompile(true));
      model.fit(x, y, epochs(2), batchSize(8), verbose(0));
      FloatNdArray before = model.predict(x);
      model.compile(optimizer("sgd"), loss("sparse_categorical_crossentropy"));
      assertClose(before, model.predict(x), 1e-6);
    }
  }

  @Test
  void aKerasFileCompiledWithJitCompileLoadsWithXlaAndPredictsAsKeras() throws Exception {
    Path dir = Path.of(getClass().getResource("jit_compile.txt").toURI()).getParent();
    float[][] x = new float[4][5];
    for (int i = 0; i < 20; i++) {
      x[i / 5][i % 5] = (float) (-1 + 2.0 * i / 19); // np.linspace(-1, 1, 20).reshape(4, 5)
    }
    List<String> lines = java.nio.file.Files.readAllLines(dir.resolve("jit_compile.txt"));
    try (Model model = Model.load(dir.resolve("jit_compile.keras"))) {
      assertEquals(true, CompileConfig.toConfig(model).get("jit_compile"));
      FloatNdArray predicted = model.predict(x);
      for (int i = 0; i < 4; i++) {
        String[] expected = lines.get(i).trim().split("\\s+");
        for (int j = 0; j < 2; j++) {
          assertEquals(Double.parseDouble(expected[j]), predicted.getFloat(i, j), 1e-5,
              "row " + i + ", output " + j);
        }
      }
    }
  }

  private static void assertClose(FloatNdArray expected, FloatNdArray actual, double tolerance) {
    assertEquals(expected.shape(), actual.shape());
    float[] e = new float[(int) expected.size()];
    float[] a = new float[e.length];
    expected.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(e, false, false));
    actual.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(a, false, false));
    for (int i = 0; i < e.length; i++) {
      assertEquals(e[i], a[i], tolerance * Math.max(1, Math.abs(e[i])), "value " + i);
    }
  }
}
