package keras4j.constraints;

import static keras4j.Keras.alphaConstraint;
import static keras4j.Keras.batchSize;
import static keras4j.Keras.betaConstraint;
import static keras4j.Keras.epochs;
import static keras4j.Keras.gammaConstraint;
import static keras4j.Keras.inputShape;
import static keras4j.Keras.loss;
import static keras4j.Keras.optimizer;
import static keras4j.Keras.shuffle;
import static keras4j.Keras.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.layers.BatchNormalization;
import keras4j.layers.Dense;
import keras4j.layers.Layer;
import keras4j.layers.LayerNormalization;
import keras4j.layers.PReLU;
import keras4j.models.Model;
import keras4j.models.Sequential;
import keras4j.saving.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Keras's constraints: each projection against its formula computed here in double precision,
 * the names and configs, and training: models Python Keras saved with constraints on Conv1D,
 * Dense, Embedding, BatchNormalization, LayerNormalization and PReLU weights
 * (make_constraint_fixtures.py, which checks each constraint moves its weight) load from .keras
 * and .h5 and reach Keras's weights after 6 SGD steps, each step projected. Each loaded model is saved again to
 * target/keras4j-constraints/, the input of check_keras4j_saves.py (Keras loads keras4j's files
 * with the constraints).
 */
class ConstraintsTest {
  private static final float[][] W = {{3f, -4f, 0.5f}, {0f, 0.1f, -2f}};
  private static final Map<String, Object> FIXTURES = json("constraints.json");

  /** Column norms of W (axis 0), in double precision. */
  private static double[] columnNorms() {
    double[] norms = new double[W[0].length];
    for (int j = 0; j < norms.length; j++) {
      norms[j] = Math.sqrt((double) W[0][j] * W[0][j] + (double) W[1][j] * W[1][j]);
    }
    return norms;
  }

  private interface Scale {
    double of(double norm);
  }

  /** W with each column scaled by {@code scale(norm) / (1e-7 + norm)}. */
  private static float[][] scaled(Scale scale) {
    double[] norms = columnNorms();
    float[][] out = new float[2][3];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        out[i][j] = (float) (W[i][j] * scale.of(norms[j]) / (1e-7 + norms[j]));
      }
    }
    return out;
  }

  private static float[][] apply(Constraint constraint) {
    KerasTensor result = constraint.apply(KerasTensor.constant(StdArrays.ndCopyOf(W)));
    return StdArrays.array2dCopyOf(result.numpy());
  }

  private static void assertClose(float[][] expected, float[][] actual) {
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        assertEquals(expected[i][j], actual[i][j], 1e-6 * Math.max(1, Math.abs(expected[i][j])),
            "[" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void maxNormScalesDownOnlyTheColumnsAboveTheLimit() {
    // Column norms 3, 4.0012, 2.0616: the first stays (up to 1e-7), the others shrink to 2.5.
    assertClose(scaled(n -> Math.min(n, 2.5)), apply(new MaxNorm(2.5)));
  }

  @Test
  void minMaxNormMovesTheNormsIntoTheBoundsAtRate() {
    assertClose(scaled(n -> 0.3 * Math.max(2.1, Math.min(n, 3.5)) + 0.7 * n),
        apply(new MinMaxNorm(2.1, 3.5, 0.3, 0)));
  }

  @Test
  void unitNormDividesByTheNorm() {
    assertClose(scaled(n -> 1), apply(new UnitNorm()));
  }

  @Test
  void unitNormOverAxis1NormalizesRows() {
    float[][] actual = apply(new UnitNorm(1));
    for (int i = 0; i < 2; i++) {
      double norm = Math.sqrt(W[i][0] * W[i][0] + W[i][1] * W[i][1] + W[i][2] * W[i][2]);
      for (int j = 0; j < 3; j++) {
        assertEquals(W[i][j] / (1e-7 + norm), actual[i][j], 1e-6);
      }
    }
  }

  @Test
  void nonNegZeroesTheNegativeWeights() {
    assertClose(new float[][] {{3f, 0f, 0.5f}, {0f, 0.1f, 0f}}, apply(new NonNeg()));
  }

  @ParameterizedTest
  @CsvSource({"max_norm, MaxNorm", "MaxNorm, MaxNorm", "non_neg, NonNeg", "unit_norm, UnitNorm",
      "min_max_norm, MinMaxNorm"})
  void namesAreKerasAliases(String name, String className) {
    assertEquals(className, Constraints.get(name).getConfig().get("class_name"));
  }

  @Test
  void configsUseKerasNamesAndDefaults() {
    assertEquals(Map.of("max_value", 2.0, "axis", 0), new MaxNorm().getConfig().get("config"));
    assertEquals(Map.of("min_value", 0.0, "max_value", 1.0, "rate", 1.0, "axis", 0),
        new MinMaxNorm().getConfig().get("config"));
    assertEquals(Map.of("axis", List.of(0, 1, 2)),
        new UnitNorm(0, 1, 2).getConfig().get("config"));
    Map<String, Object> saved = Map.of("min_value", 0.5, "max_value", 1.5, "rate", 0.7,
        "axis", List.of(0, 1));
    assertEquals(saved, Constraints.fromConfig("MinMaxNorm", saved).getConfig().get("config"));
  }

  @Test
  void anUnknownNameIsRefusedWithTheNames() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Constraints.get("radial"));
    assertTrue(e.getMessage().contains("radial") && e.getMessage().contains("max_norm"),
        e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"dense_conv, keras", "dense_conv, h5", "embedding, keras", "embedding, h5",
      "norms, keras", "norms, h5"})
  void kerasFilesTrainToKerasWeights(String name, String format) throws IOException {
    Map<?, ?> expected = (Map<?, ?>) FIXTURES.get(name);
    try (Model model = Model.load(resource(name + "." + format))) {
      Path out = Path.of("target", "keras4j-constraints");
      Files.createDirectories(out);
      model.save(out.resolve(name + "." + format));
      List<Double> losses = train(model, expected, name.equals("embedding"));
      float[] weights = flat(model.getWeights());
      float[] kerasWeights = floats(expected.get("weights"));
      assertEquals(kerasWeights.length, weights.length);
      for (int i = 0; i < weights.length; i++) {
        assertEquals(kerasWeights[i], weights[i], 1e-5 * Math.max(1e-2, Math.abs(kerasWeights[i])),
            name + " weight " + i);
      }
      float[] kerasLosses = floats(expected.get("losses"));
      for (int i = 0; i < kerasLosses.length; i++) {
        assertEquals(kerasLosses[i], losses.get(i), 1e-5 * kerasLosses[i], name + " loss " + i);
      }
    }
  }

  /** Keras's norms model built with the kwargs, or without any constraint. */
  private static Sequential norms(boolean constrained) {
    LayerArg[] bn = constrained
        ? new LayerArg[] {gammaConstraint(new MaxNorm(1.5)), betaConstraint(new NonNeg())}
        : new LayerArg[0];
    LayerArg[] prelu = constrained ? new LayerArg[] {alphaConstraint(new NonNeg())}
        : new LayerArg[0];
    LayerArg[] ln = constrained
        ? new LayerArg[] {gammaConstraint(new UnitNorm()), betaConstraint(new MaxNorm(0.05))}
        : new LayerArg[0];
    return new Sequential(new Dense(5, inputShape(4)), new BatchNormalization(bn),
        new PReLU(prelu), new Dense(3), new LayerNormalization(ln), new Dense(2));
  }

  @Test
  void kwargsConstraintsTrainToKerasWeightsAndNotWithoutThem() throws IOException {
    Map<?, ?> expected = (Map<?, ?>) FIXTURES.get("norms");
    float[] kerasWeights = floats(expected.get("weights"));
    double[] gaps = new double[2];
    try (Model keras = Model.load(resource("norms.keras"))) {
      for (int run = 0; run < 2; run++) {
        try (Sequential model = norms(run == 0)) {
          model.setWeights(keras.getWeights());
          model.compile(optimizer(new keras4j.optimizers.SGD(0.2)), loss("mse"));
          train(model, expected, false);
          float[] weights = flat(model.getWeights());
          for (int i = 0; i < weights.length; i++) {
            gaps[run] = Math.max(gaps[run], Math.abs(weights[i] - kerasWeights[i])
                / Math.max(1e-2, Math.abs(kerasWeights[i])));
          }
        }
      }
    }
    assertTrue(gaps[0] < 1e-5, "constrained: relative gap to Keras " + gaps[0]);
    // The generator checks each constraint moves its weight by more than 1e-3 in Keras.
    assertTrue(gaps[1] > 1e-3, "unconstrained: relative gap to Keras " + gaps[1]);
  }

  private static List<Double> train(Model model, Map<?, ?> fixture, boolean intInputs) {
    return model.fit(array(fixture.get("x"), intInputs), array(fixture.get("y"), false),
        epochs(3), batchSize(4), shuffle(false), verbose(0)).history().get("loss");
  }

  @Test
  void loadedLayersKeepTheirConstraintConfigs() throws IOException {
    try (Model model = Model.load(resource("dense_conv.keras"))) {
      Map<String, Object> conv = model.getLayer("conv").getConfig();
      assertEquals(Map.of("module", "keras.constraints", "class_name", "MaxNorm",
          "config", Map.of("max_value", 0.8, "axis", List.of(0, 1)), "registered_name", "null"),
          withNullAsString(conv.get("kernel_constraint")));
      Layer unit = model.getLayer("unit");
      assertEquals("NonNeg", ((Map<?, ?>) unit.getConfig().get("bias_constraint"))
          .get("class_name"));
    }
  }

  @ParameterizedTest
  @CsvSource({"keras", "h5"})
  void normalizationAndPReLUConstraintsLoadWithoutTheIgnoredWarning(String format) {
    List<String> logged = keras4j.logging.LogCapture.during("keras4j.layers.ConfigArgs", () -> {
      try (Model model = Model.load(resource("norms." + format))) {
        assertEquals("NonNeg", ((Map<?, ?>) model.getLayer("prelu").getConfig()
            .get("alpha_constraint")).get("class_name"));
        Map<String, Object> ln = model.getLayer("ln").getConfig();
        assertEquals(Map.of("max_value", 0.05, "axis", 0),
            ((Map<?, ?>) ln.get("beta_constraint")).get("config"));
        assertEquals("UnitNorm", ((Map<?, ?>) ln.get("gamma_constraint")).get("class_name"));
      }
    });
    assertEquals(List.of(), logged);
  }

  private static Map<String, Object> withNullAsString(Object nested) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    ((Map<?, ?>) nested).forEach((k, v) -> out.put((String) k, v == null ? "null" : v));
    return out;
  }

  /** A nested JSON list as a float (or int) NdArray of its shape. */
  private static NdArray<?> array(Object nested, boolean ints) {
    List<Long> dims = new ArrayList<>();
    for (Object o = nested; o instanceof List<?> l; o = l.get(0)) {
      dims.add((long) l.size());
    }
    List<Number> values = new ArrayList<>();
    collect(nested, values);
    Shape shape = Shape.of(dims.stream().mapToLong(Long::longValue).toArray());
    if (ints) {
      return NdArrays.wrap(shape, DataBuffers.of(
          values.stream().mapToInt(Number::intValue).toArray(), false, false));
    }
    float[] floats = new float[values.size()];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = values.get(i).floatValue();
    }
    return NdArrays.wrap(shape, DataBuffers.of(floats, false, false));
  }

  private static void collect(Object nested, List<Number> out) {
    if (nested instanceof List<?> list) {
      list.forEach(o -> collect(o, out));
    } else {
      out.add((Number) nested);
    }
  }

  private static float[] flat(List<FloatNdArray> arrays) {
    List<Float> values = new ArrayList<>();
    arrays.forEach(a -> a.scalars().forEach(s -> values.add(s.getFloat())));
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  private static float[] floats(Object list) {
    List<?> values = (List<?>) list;
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) values.get(i)).floatValue();
    }
    return out;
  }

  private static Path resource(String name) {
    try {
      return Path.of(ConstraintsTest.class.getResource("/keras4j/constraints/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test fixture keras4j/constraints/" + name, e);
    }
  }

  private static Map<String, Object> json(String name) {
    try {
      return Json.parseObject(Files.readString(resource(name)), name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
