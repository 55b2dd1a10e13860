package keras4j.layers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import keras4j.core.KerasTensor;
import keras4j.initializers.Constant;
import keras4j.models.Model;
import keras4j.models.Models;
import keras4j.models.Sequential;
import keras4j.optimizers.SGD;
import keras4j.saving.ConfigReader;
import keras4j.saving.Json;
import keras4j.tf.TF;
import keras4j.utils.RandomSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;

/**
 * RandomFourierFeatures beyond LayerFixturesTest's Keras-written cases (random_fourier_features*,
 * whose outputs and SGD steps it checks): the gradient on {@code kernel_scale} against Keras's,
 * the output against the formula worked in Java, the initial draws' distributions, tf.keras's
 * defaults and config, and bad arguments.
 */
class RandomFourierFeaturesTest {
  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(RandomFourierFeaturesTest.class.getResource("/keras4j/layers/" + name).toURI());
  }

  @Test
  @SuppressWarnings("unchecked")
  void kernelScaleGradientIsKeras() throws Exception {
    Map<String, Object> c = Json.parseObject(
        Files.readString(fixture("random_fourier_features.json")), "fixture");
    Map<String, Object> grad = (Map<String, Object>) c.get("kernel_scale_grad");
    FloatNdArray x = rows(c.get("x"), 3, 5);
    FloatNdArray target = rows(grad.get("target"), 3, 3);
    double want = ((Number) ((List<Object>) grad.get("grad")).get(0)).doubleValue();
    try (Model model = Models.loadModel(fixture("random_fourier_features.keras"))) {
      // SGD(1): the step is the gradient itself (kernel_scale stays far above NonNeg's zero).
      model.compile(optimizer(new SGD(1.0)), loss("mse"));
      float before = model.getWeights().get(0).getFloat(0);
      model.fit(x, target, epochs(1), batchSize(3), shuffle(false), verbose(0));
      float after = model.getWeights().get(0).getFloat(0);
      assertTrue(after > 0, "kernel_scale stayed positive, so no NonNeg clipping: " + after);
      assertEquals(want, before - after, 1e-5, "d loss / d kernel_scale, Keras's " + want);
      assertTrue(Math.abs(want) > 1e-3, "a gradient that can tell a wrong one: " + want);
    }
  }

  @Test
  void outputIsCosineOfScaledProjectionPlusBias() {
    RandomSeed.set(7);
    RandomFourierFeatures rff = new RandomFourierFeatures(6, scale(2.5));
    float[][] x = {{0.3f, -1.2f, 0.8f}, {1.5f, 0.1f, -0.4f}};
    FloatNdArray y;
    try (var f = TF.function(in -> rff.apply(in, false))) {
      y = f.call(KerasTensor.constant(StdArrays.ndCopyOf(x))).numpy();
    }
    List<FloatNdArray> w = rff.getWeights();
    assertEquals(List.of(Shape.of(1), Shape.of(3, 6), Shape.of(6)),
        w.stream().map(FloatNdArray::shape).toList(), "kernel_scale, unscaled_kernel, bias");
    assertEquals(2.5f, w.get(0).getFloat(0));
    for (int n = 0; n < 2; n++) {
      for (int j = 0; j < 6; j++) {
        double z = w.get(2).getFloat(j);
        for (int i = 0; i < 3; i++) {
          z += x[n][i] * w.get(1).getFloat(i, j) / 2.5;
        }
        // No sqrt(2 / D) factor, as in tf.keras.
        assertEquals(Math.cos(z), y.getFloat(n, j), 1e-5, "output " + n + "," + j);
      }
    }
  }

  @Test
  void initialDrawsFollowTheirDistributions() {
    RandomSeed.set(11);
    RandomFourierFeatures gaussian = new RandomFourierFeatures(200);
    gaussian.ensureBuilt(Shape.of(-1, 50));
    double[] kernel = values(gaussian.getWeights().get(1));
    double mean = Arrays.stream(kernel).average().orElseThrow();
    double var = Arrays.stream(kernel).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
    // 10000 N(0, 1) draws: the mean's standard error is 0.01, the variance's 0.014.
    assertEquals(0, mean, 0.05);
    assertEquals(1, var, 0.07);
    double[] bias = values(gaussian.getWeights().get(2));
    assertTrue(Arrays.stream(bias).allMatch(b -> b >= 0 && b < 2 * Math.PI), "bias in [0, 2pi)");
    assertEquals(Math.PI, Arrays.stream(bias).average().orElseThrow(), 0.6); // s.e. 0.13
    assertEquals(5.0, gaussian.getWeights().get(0).getFloat(0), 1e-6, "sqrt(50 / 2)");

    RandomFourierFeatures laplacian = new RandomFourierFeatures(200,
        kernelInitializer("laplacian"));
    laplacian.ensureBuilt(Shape.of(-1, 50));
    double[] cauchy = values(laplacian.getWeights().get(1));
    // Standard Cauchy: |x| has median 1, and a quarter of the draws lie beyond +-2.414.
    double[] abs = Arrays.stream(cauchy).map(Math::abs).sorted().toArray();
    assertEquals(1.0, abs[abs.length / 2], 0.06);
    assertEquals(0.25, Arrays.stream(abs).filter(a -> a > 1 + Math.sqrt(2)).count()
        / (double) abs.length, 0.03);
    assertEquals(1.0, laplacian.getWeights().get(0).getFloat(0), "laplacian's default scale");
  }

  @Test
  void defaultsAndConfigAreTfKeras() {
    RandomFourierFeatures rff = new RandomFourierFeatures(4, name("rff"));
    rff.ensureBuilt(Shape.of(-1, 8));
    assertFalse(rff.isTrainable(), "tf.keras's default trainable=False");
    assertEquals(List.of(), rff.trainableVariables());
    Map<String, Object> config = rff.getConfig();
    assertEquals(List.of("name", "trainable", "dtype", "output_dim", "kernel_initializer",
        "scale"), List.copyOf(config.keySet()));
    assertEquals("gaussian", config.get("kernel_initializer"));
    assertEquals(2.0, config.get("scale"), "sqrt(8 / 2), as tf.keras saves it after build");
    assertTrue(new RandomFourierFeatures(4, trainable(true)).isTrainable());

    RandomFourierFeatures back = RandomFourierFeatures.fromConfig(
        ConfigReader.of(Json.parse(Json.write(config)), "config"));
    assertEquals(config, back.getConfig());
    RandomFourierFeatures custom = new RandomFourierFeatures(3,
        kernelInitializer(new Constant(0.5)), scale(1.5), trainable(true));
    custom.ensureBuilt(Shape.of(-1, 2));
    assertEquals(0.5f, custom.getWeights().get(1).getFloat(1, 2));
    assertEquals(1, custom.trainableVariables().size(), "kernel_scale only");
    Map<String, Object> customConfig = custom.getConfig();
    assertEquals(customConfig, RandomFourierFeatures.fromConfig(
        ConfigReader.of(Json.parse(Json.write(customConfig)), "config")).getConfig());
  }

  @Test
  void trainsInASequentialWithKernelAndBiasFixed() {
    RandomSeed.set(3);
    try (Sequential model = new Sequential(
        new RandomFourierFeatures(16, scale(1.0), trainable(true), inputShape(2)),
        new Dense(1))) {
      model.compile(optimizer(new SGD(0.5)), loss("mse"));
      List<FloatNdArray> before = model.getWeights();
      FloatNdArray x = NdArrays.ofFloats(Shape.of(8, 2));
      x.scalars().forEachIndexed((i, s) -> s.setFloat((float) Math.sin(i[0] + 2.0 * i[1])));
      FloatNdArray y = NdArrays.ofFloats(Shape.of(8, 1));
      y.scalars().forEachIndexed((i, s) -> s.setFloat(i[0] % 2));
      model.fit(x, y, epochs(1), batchSize(8), verbose(0));
      List<FloatNdArray> after = model.getWeights();
      assertTrue(before.get(0).getFloat(0) != after.get(0).getFloat(0), "kernel_scale trains");
      assertEquals(before.get(1), after.get(1), "unscaled_kernel never trains");
      assertEquals(before.get(2), after.get(2), "bias never trains");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void savedAsKerasNamesItsClassSoKerasLoadsIt(@TempDir Path dir) throws Exception {
    // Keras 3 has no such layer: only with registered_name set does it take the user's class
    // (custom_objects), as check_keras4j_saves.py does with tf.keras's restated layer.
    Path file = dir.resolve("rff.keras");
    try (Sequential model = new Sequential(new RandomFourierFeatures(3, inputShape(2)))) {
      model.save(file);
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Map<String, Object> config = Json.parseObject(
          new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(), UTF_8), "");
      Map<String, Object> layer = ((List<Map<String, Object>>)
          ((Map<String, Object>) config.get("config")).get("layers")).get(1);
      assertEquals("keras.layers", layer.get("module"));
      assertEquals("RandomFourierFeatures", layer.get("class_name"));
      assertEquals("RandomFourierFeatures", layer.get("registered_name"));
    }
  }

  @Test
  void badArgumentsAreRefusedClearly() {
    assertMessage("outputDim must be a positive", () -> new RandomFourierFeatures(0));
    assertMessage("unsupported kernelInitializer 'uniform'",
        () -> new RandomFourierFeatures(4, kernelInitializer("uniform")));
    assertMessage("scale must be a positive", () -> new RandomFourierFeatures(4, scale(-1.0)));
    assertMessage("scale must be a number",
        () -> new RandomFourierFeatures(4, scale(true)));
    // Its scale(double) given to a normalizing layer's boolean scale.
    assertMessage("LayerNormalization takes scale(true/false), got 10.0",
        () -> new LayerNormalization(scale(10.0)));
    assertMessage("BatchNormalization takes scale(true/false), got 10.0",
        () -> new BatchNormalization(scale(10.0)));
    RandomFourierFeatures rff = new RandomFourierFeatures(4);
    assertMessage("expects inputs shaped (batch, features)", () -> rff.apply(Input.shape(3, 2)));
  }

  private static void assertMessage(String part, Runnable action) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  @SuppressWarnings("unchecked")
  private static FloatNdArray rows(Object list, int rows, int cols) {
    List<Object> values = (List<Object>) list;
    FloatNdArray out = NdArrays.ofFloats(Shape.of(rows, cols));
    out.scalars().forEachIndexed((i, s) ->
        s.setFloat(((Number) values.get((int) (i[0] * cols + i[1]))).floatValue()));
    return out;
  }

  private static double[] values(FloatNdArray array) {
    double[] out = new double[(int) array.shape().size()];
    int[] k = {0};
    array.scalars().forEach(s -> out[k[0]++] = s.getFloat());
    return out;
  }
}
