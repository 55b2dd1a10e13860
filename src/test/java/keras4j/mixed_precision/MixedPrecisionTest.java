package keras4j.mixed_precision;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import keras4j.dtype_policies.DTypePolicies;
import keras4j.dtype_policies.DTypePolicy;
import keras4j.layers.Dense;
import keras4j.layers.Layer;
import keras4j.models.Sequential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.StdArrays;

/** Dtype policies, the global policy, and a layer computing under mixed_bfloat16 by hand. */
class MixedPrecisionTest {
  @AfterEach
  void backToFloat32() {
    MixedPrecision.setGlobalPolicy("float32");
  }

  @Test
  void policiesNameTheirComputeAndVariableDtypesAsKeras() {
    DTypePolicy mixed = DTypePolicy.of("mixed_bfloat16");
    assertEquals("bfloat16", mixed.computeDtype());
    assertEquals("float32", mixed.variableDtype());
    assertTrue(mixed.isMixed());
    assertEquals("float16", DTypePolicy.of("mixed_float16").computeDtype());
    assertFalse(DTypePolicy.of("float32").isMixed());
    assertEquals("float16", DTypePolicy.of("float16").variableDtype());
    assertEquals("<DTypePolicy \"mixed_bfloat16\">", mixed.toString());
    assertEquals(mixed, DTypePolicies.get(Map.of("module", "keras", "class_name", "DTypePolicy",
        "config", Map.of("name", "mixed_bfloat16"))));
  }

  @Test
  void quantizedAndUnknownPoliciesAreRefused() {
    String quantized = assertThrows(IllegalArgumentException.class,
        () -> DTypePolicy.of("int8_from_mixed_bfloat16")).getMessage();
    assertTrue(quantized.contains("quantized"), quantized);
    String config = assertThrows(IllegalArgumentException.class,
        () -> DTypePolicies.get(Map.of("class_name", "QuantizedDTypePolicy", "config",
            Map.of("mode", "int8", "source_name", "float32")))).getMessage();
    assertTrue(config.contains("QuantizedDTypePolicy"), config);
    String unknown = assertThrows(IllegalArgumentException.class,
        () -> DTypePolicy.of("mixed_float64")).getMessage();
    assertTrue(unknown.contains("mixed_float16"), unknown);
  }

  @Test
  void aPolicyWithLowPrecisionVariablesIsRefusedNamingTheMixedOne() {
    String message = assertThrows(IllegalArgumentException.class,
        () -> new Dense(2, dtype("bfloat16"))).getMessage();
    assertTrue(message.contains("'mixed_bfloat16'"), message);
  }

  @Test
  void layersTakeTheGlobalPolicyWhenConstructedUnlessGivenADtype() {
    Dense before = new Dense(2);
    MixedPrecision.setGlobalPolicy("mixed_bfloat16");
    Dense after = new Dense(2);
    Dense plain = new Dense(2, dtype("float32"));
    assertEquals("float32", before.dtypePolicy().name());
    assertEquals("mixed_bfloat16", after.dtypePolicy().name());
    assertEquals("bfloat16", after.computeDtype());
    assertEquals("float32", plain.computeDtype());
    assertEquals(Map.of("module", "keras", "class_name", "DTypePolicy", "config",
        Map.of("name", "mixed_bfloat16")), withoutNull(after.getConfig().get("dtype")));
  }

  private static Map<?, ?> withoutNull(Object config) {
    Map<Object, Object> out = new java.util.HashMap<>((Map<?, ?>) config);
    assertTrue(out.containsKey("registered_name"));
    assertEquals(null, out.remove("registered_name"));
    return out;
  }

  /** Round to nearest even bfloat16, as TensorFlow's float32 to bfloat16 cast. */
  static float bf16(float x) {
    int bits = Float.floatToIntBits(x);
    int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
    return Float.intBitsToFloat(rounded & 0xFFFF0000);
  }

  @Test
  void aMixedBfloat16DenseComputesOnBfloat16InputsAndWeights() {
    float x = 1.01f;
    float kernel = 0.3f;
    float bias = 0.0123f;
    try (var model = new Sequential(
        new Dense(1, activation("relu"), inputShape(1), dtype("mixed_bfloat16")))) {
      model.setWeights(List.of(StdArrays.ndCopyOf(new float[][] {{kernel}}),
          StdArrays.ndCopyOf(new float[] {bias})));
      float got = model.predict(new float[][] {{x}}).getFloat(0, 0);
      // bfloat16 operands; TensorFlow fuses the matmul, bias add and relu (as for Keras's graph)
      // into one kernel that sums in float32 and rounds the result once to bfloat16.
      float expected = bf16(bf16(x) * bf16(kernel) + bf16(bias));
      assertEquals(expected, got);
      assertTrue(Math.abs(got - (x * kernel + bias)) > 1e-4, "computed in float32: " + got);
      // The variables stay float32.
      assertEquals(kernel, model.getWeights().get(0).getFloat(0, 0));
    }
  }

  @Test
  void aFloat32LastLayerAfterAMixedOneTakesItsOutputInFloat32() {
    MixedPrecision.setGlobalPolicy("mixed_bfloat16");
    Layer last = new Dense(1, dtype("float32"));
    try (var model = new Sequential(new Dense(1, inputShape(1)), last)) {
      model.setWeights(List.of(StdArrays.ndCopyOf(new float[][] {{0.3f}}),
          StdArrays.ndCopyOf(new float[] {0f}), StdArrays.ndCopyOf(new float[][] {{1.01f}}),
          StdArrays.ndCopyOf(new float[] {0.001f})));
      float got = model.predict(new float[][] {{1f}}).getFloat(0, 0);
      // The first layer's bfloat16 output, then float32 arithmetic on float32 weights.
      assertEquals(bf16(0.3f) * 1.01f + 0.001f, got, 1e-7);
    }
  }

  /** The weights after one SGD step on a fixed batch of an MLP built under {@code policy}. */
  private static List<float[]> oneStep(String policy, boolean conv) {
    MixedPrecision.setGlobalPolicy(policy);
    try (var model = conv
        ? new Sequential(new keras4j.layers.Conv2D(3, 3, activation("relu"), inputShape(6, 6, 1)),
            new keras4j.layers.MaxPooling2D(poolSize(2)), new keras4j.layers.Flatten(),
            new Dense(2, activation("softmax")))
        : new Sequential(new Dense(8, activation("relu"), inputShape(3)),
            new Dense(2, activation("softmax")))) {
      model.compile(optimizer(new keras4j.optimizers.SGD(1.0)),
          loss("sparse_categorical_crossentropy"));
      if (policy.equals("mixed_float16")) {
        // As Keras's compile: loss scaling under float16.
        assertTrue(model.optimizer() instanceof keras4j.optimizers.LossScaleOptimizer);
      }
      int n = 8;
      float[] flat = new float[n * (conv ? 36 : 3)];
      for (int i = 0; i < flat.length; i++) {
        flat[i] = (float) Math.sin(i * 0.7);
      }
      org.tensorflow.ndarray.FloatNdArray x = org.tensorflow.ndarray.NdArrays.wrap(
          conv ? org.tensorflow.ndarray.Shape.of(n, 6, 6, 1) : org.tensorflow.ndarray.Shape.of(n, 3),
          org.tensorflow.ndarray.buffer.DataBuffers.of(flat, false, false));
      float[] y = {0, 1, 1, 0, 1, 0, 0, 1};
      model.setWeights(model.getWeights().stream().map(w -> {
        // Fixed weights, the same under every policy.
        float[] values = new float[(int) w.shape().size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (0.6 * Math.cos(i * 1.3 + values.length));
        }
        return org.tensorflow.ndarray.NdArrays.wrap(w.shape(),
            org.tensorflow.ndarray.buffer.DataBuffers.of(values, false, false));
      }).toList());
      List<float[]> before = weights(model);
      model.fit(x, y, epochs(1), batchSize(n), shuffle(false), verbose(0));
      List<float[]> after = weights(model);
      double moved = 0;
      for (int w = 0; w < after.size(); w++) {
        for (int i = 0; i < after.get(w).length; i++) {
          moved = Math.max(moved, Math.abs(after.get(w)[i] - before.get(w)[i]));
        }
      }
      // A step far larger than the tolerances below, so that a skipped one would show.
      assertTrue(moved > 0.03, policy + " step moved the weights by " + moved);
      return after;
    }
  }

  private static List<float[]> weights(keras4j.models.Model model) {
    return model.getWeights().stream().map(w -> {
      float[] out = new float[(int) w.shape().size()];
      w.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(out, false, false));
      return out;
    }).toList();
  }

  private static void assertStepsClose(List<float[]> expected, List<float[]> got, double tolerance) {
    double worst = 0;
    for (int w = 0; w < expected.size(); w++) {
      for (int i = 0; i < expected.get(w).length; i++) {
        worst = Math.max(worst, Math.abs(expected.get(w)[i] - got.get(w)[i]));
      }
    }
    assertTrue(worst <= tolerance, "max |difference| " + worst + " > " + tolerance);
  }

  /** Keras's weights after the same step (make_mixed_precision_fixtures.py), one per line. */
  private static List<float[]> kerasStep(String name, String policy) {
    return csvRows("step_" + name + "_" + policy + ".csv");
  }

  /** The rows of a CSV file of the fixtures, each as floats. */
  private static List<float[]> csvRows(String name) {
    String file = "/keras4j/saving/mixed_precision/" + name;
    try (var in = MixedPrecisionTest.class.getResourceAsStream(file)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
          .filter(line -> !line.isBlank()).map(line -> {
            String[] cells = line.split(",");
            float[] out = new float[cells.length];
            for (int i = 0; i < cells.length; i++) {
              out[i] = Float.parseFloat(cells[i]);
            }
            return out;
          }).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aMixedPrecisionFitStepEqualsTheFloat32OneWithinThePrecision() {
    for (boolean conv : new boolean[] {false, true}) {
      List<float[]> plain = oneStep("float32", conv);
      // bfloat16 gradients carry 8 significant bits, float16 11: the step (learning rate 1 on
      // gradients below 1) lands within a few of their steps of the float32 one.
      assertStepsClose(plain, oneStep("mixed_bfloat16", conv), 5e-3);
      if (!conv) {
        assertStepsClose(plain, oneStep("mixed_float16", conv), 1e-3);
      }
    }
  }

  @Test
  void mixedPrecisionFitStepsEqualKerasSteps() {
    // Keras's float16 CNN step strays 0.034 from its float32 one (TensorFlow's CPU float16
    // convolution gradient): keras4j's, on the same kernels, strays the same way.
    for (String name : List.of("mlp", "cnn")) {
      assertStepsClose(kerasStep(name, "float32"), oneStep("float32", name.equals("cnn")), 1e-5);
      for (String policy : List.of("mixed_bfloat16", "mixed_float16")) {
        assertStepsClose(kerasStep(name, policy), oneStep(policy, name.equals("cnn")), 1e-3);
      }
    }
  }

  @Test
  void aMixedFloat16ModelSavesTheOptimizerCompileWasGivenAsKerasDoes(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    MixedPrecision.setGlobalPolicy("mixed_float16");
    java.nio.file.Path file = dir.resolve("m.keras");
    try (var model = new Sequential(new Dense(2, inputShape(3)))) {
      model.compile(optimizer(new keras4j.optimizers.Adam(0.01)), loss("mse"));
      model.save(file);
    }
    MixedPrecision.setGlobalPolicy("float32");
    try (var loaded = keras4j.models.Model.load(file)) {
      // Keras's compile_config keeps the Adam; loaded under float32 (the model's own policy is
      // the global one, as in Keras) compile does not wrap it; the layers keep mixed_float16.
      assertTrue(loaded.optimizer() instanceof keras4j.optimizers.Adam);
      assertEquals(0.01, loaded.optimizer().getLearningRate(), 1e-7);
      assertEquals("mixed_float16", loaded.layers().get(0).dtypePolicy().name());
    }
  }

  @Test
  void aLossScaleOptimizerGivenToCompileIsSavedAndLoaded(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    java.nio.file.Path file = dir.resolve("m.keras");
    try (var model = new Sequential(new Dense(2, inputShape(3)))) {
      model.compile(optimizer(new keras4j.optimizers.LossScaleOptimizer(
          new keras4j.optimizers.Adam(0.01), initialScale(64), dynamicGrowthSteps(2))),
          loss("mse"));
      // Two finite steps: the scale doubles, and Adam has moments to keep.
      model.fit(new float[][] {{1, 2, 3}, {3, 2, 1}}, new float[][] {{1, 0}, {0, 1}}, epochs(2),
          batchSize(2), verbose(0));
      model.save(file);
    }
    try (var loaded = keras4j.models.Model.load(file)) {
      var optimizer = (keras4j.optimizers.LossScaleOptimizer) loaded.optimizer();
      assertTrue(optimizer.innerOptimizer() instanceof keras4j.optimizers.Adam);
      assertEquals(0.01, optimizer.getLearningRate(), 1e-7);
      assertEquals(128, optimizer.dynamicScale());
      assertEquals(2, optimizer.iterations());
    }
  }

  @Test
  void aKerasFileOfALossScaleOptimizerResumesTrainingAsKerasDoes() throws Exception {
    // make_loss_scale_fixture.py: Keras trained one epoch under mixed_float16 (SGD with momentum
    // wrapped by compile), saved, then trained one more; keras4j resumes from the file.
    var file = java.nio.file.Path.of(MixedPrecisionTest.class
        .getResource("/keras4j/saving/mixed_precision/lso_mlp_mixed_float16.keras").toURI());
    List<float[]> expected = csvRows("lso_mlp_mixed_float16_resumed.csv");
    float[][] x = new float[8][3];
    for (int i = 0; i < 24; i++) {
      x[i / 3][i % 3] = (float) Math.sin(i * 0.7);
    }
    // As in Keras, the model takes the global policy at load, and only under mixed_float16 does
    // its compile wrap the SGD again and the saved scale and momenta load (else Keras skips them).
    MixedPrecision.setGlobalPolicy("mixed_float16");
    try (var model = keras4j.models.Model.load(file)) {
      var optimizer = (keras4j.optimizers.LossScaleOptimizer) model.optimizer();
      assertTrue(optimizer.innerOptimizer() instanceof keras4j.optimizers.SGD);
      assertEquals(2, optimizer.iterations());
      model.fit(x, new float[] {0, 1, 1, 0, 1, 0, 0, 1}, epochs(1), batchSize(4), shuffle(false),
          verbose(0));
      assertStepsClose(expected.subList(0, expected.size() - 1), weights(model), 1e-3);
      assertEquals(expected.get(expected.size() - 1)[0], optimizer.dynamicScale());
    }
  }

  @Test
  void keras2PolicyConfigsAreReadAndQuantizedOnesRefusedNamingTheLayer() {
    Dense keras2 = Dense.fromConfig(keras4j.saving.ConfigReader.of(Map.of("name", "d", "units", 2L,
        "dtype", Map.of("class_name", "Policy", "config", Map.of("name", "mixed_float16"))),
        "config"));
    assertEquals("mixed_float16", keras2.dtypePolicy().name());
    String message = assertThrows(IllegalArgumentException.class,
        () -> Dense.fromConfig(keras4j.saving.ConfigReader.of(Map.of("name", "q", "units", 2L,
            "dtype", Map.of("class_name", "QuantizedDTypePolicy", "config",
                Map.of("mode", "int8", "source_name", "float32"))), "config"))).getMessage();
    assertTrue(message.startsWith("config.dtype") && message.contains("before model.quantize"),
        message);
  }

  @Test
  void autoScaleLossFalseLeavesAMixedFloat16OptimizerAlone() {
    MixedPrecision.setGlobalPolicy("mixed_float16");
    try (var model = new Sequential(new Dense(2, inputShape(3)))) {
      model.compile(optimizer("sgd"), loss("mse"), autoScaleLoss(false));
      assertTrue(model.optimizer() instanceof keras4j.optimizers.SGD);
      model.compile(optimizer("sgd"), loss("mse"));
      assertTrue(model.optimizer() instanceof keras4j.optimizers.LossScaleOptimizer);
    }
  }
}
