package keras4j.initializers;

import static keras4j.Keras.seed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import keras4j.models.Model;
import keras4j.models.Models;
import keras4j.ops.SeedGenerator;
import keras4j.saving.ConfigReader;
import keras4j.saving.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;

/**
 * Every Keras 3 initializer against the values Keras draws on its TensorFlow backend with the same
 * seed (initializers_expected.json, written by make_initializer_fixtures.py), its config both
 * ways, distribution statistics against Keras's formulas, and a Keras-written model whose layers
 * use all of them loading and re-saving the same initializer configs.
 */
class InitializersTest {
  static final Shape MATRIX = Shape.of(4, 3);
  static final Shape KERNEL = Shape.of(2, 2, 3, 2);

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> expected() throws IOException {
    try (InputStream in =
        InitializersTest.class.getResourceAsStream("initializers_expected.json")) {
      return (Map<String, Map<String, Object>>) Json.parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  static float[] floats(FloatNdArray a) {
    float[] out = new float[(int) a.size()];
    int[] i = {0};
    a.scalars().forEach(s -> out[i[0]++] = s.getFloat());
    return out;
  }

  @SuppressWarnings("unchecked")
  static float[] expectedValues(Map<String, Object> entry, String rank) {
    List<Number> values = (List<Number>) entry.get(rank);
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i).floatValue();
    }
    return out;
  }

  /** {@code {"class_name", "config"}} of Keras's serialized form (without module and name). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> classAndConfig(Object serialized) {
    Map<String, Object> s = (Map<String, Object>) serialized;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("class_name", s.get("class_name"));
    out.put("config", s.get("config"));
    return out;
  }

  @Test
  void seededInitializersDrawWhatKerasDrawsAndRoundTripTheirConfigs() throws IOException {
    for (var entry : expected().entrySet()) {
      String name = entry.getKey();
      Map<String, Object> keras = classAndConfig(entry.getValue().get("config"));
      Initializer init = Initializers.fromConfig(ConfigReader.of(keras, name));
      // Orthogonal's QR runs in another order of operations than TensorFlow's.
      double tolerance = name.equals("Orthogonal") ? 1e-5 : 1e-6;
      assertEquals(Json.write(keras), Json.write(init.getConfig()), name);
      if (name.equals("Identity")) {
        continue; // Keras saves no gain: its values are checked with new Identity(2.0) below.
      }
      assertArrayEquals(expectedValues(entry.getValue(), "2"), floats(init.create(MATRIX)),
          (float) tolerance, name);
      assertArrayEquals(expectedValues(entry.getValue(), "4"), floats(init.create(KERNEL)),
          (float) tolerance, name);
    }
  }

  @Test
  void initializersAreCallableOnAShapeAsInKeras() throws IOException {
    Map<String, Map<String, Object>> expected = expected();
    assertArrayEquals(expectedValues(expected.get("GlorotNormal"), "2"),
        floats(new GlorotNormal(seed(42)).call(4, 3)), 1e-6f);
    assertArrayEquals(expectedValues(expected.get("VarianceScalingFanOutUniform"), "2"),
        floats(new VarianceScaling(3.0, "fan_out", "uniform", seed(42)).call(4, 3)), 1e-6f);
    assertArrayEquals(expectedValues(expected.get("RandomNormal"), "2"),
        floats(new RandomNormal(1.0, 0.5, seed(42)).call(4, 3)), 1e-6f);
    assertArrayEquals(new float[] {2, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0},
        floats(new Identity(2.0).call(4, 3)));
    assertArrayEquals(expectedValues(expected.get("Identity"), "2"),
        floats(new Identity(2.0).call(4, 3)));
    assertEquals(Map.of("gain", 2.0), new Identity(2.0).getConfig().get("config"));
    assertArrayEquals(new float[] {0.25f, 0.25f}, floats(new Constant(0.25).call(2)));
    // As in Keras: a seed, or none, gives the same values every call; a generator new ones.
    HeUniform unseeded = new HeUniform();
    assertArrayEquals(floats(unseeded.call(5, 5)), floats(unseeded.call(5, 5)));
    HeUniform generated = new HeUniform(seed(new SeedGenerator(3)));
    assertNotEquals(Arrays.toString(floats(generated.call(5, 5))),
        Arrays.toString(floats(generated.call(5, 5))));
  }

  static double std(float[] v) {
    double mean = 0;
    for (float x : v) {
      mean += x / (double) v.length;
    }
    double var = 0;
    for (float x : v) {
      var += (x - mean) * (x - mean) / v.length;
    }
    return Math.sqrt(var);
  }

  static double maxAbs(float[] v) {
    double max = 0;
    for (float x : v) {
      max = Math.max(max, Math.abs(x));
    }
    return max;
  }

  @Test
  void distributionsFollowKerassFormulas() {
    Shape shape = Shape.of(200, 300);
    // Truncated normals: the truncated values' std is sqrt(scale / n), none beyond 2 stddev.
    float[] glorot = floats(new GlorotNormal(seed(1)).create(shape));
    assertEquals(Math.sqrt(2.0 / 500), std(glorot), 0.02 * Math.sqrt(2.0 / 500));
    assertTrue(maxAbs(glorot) <= 2 * Math.sqrt(2.0 / 500) / 0.87962566103423978 + 1e-6);
    float[] he = floats(new HeNormal(seed(2)).create(shape));
    assertEquals(Math.sqrt(2.0 / 200), std(he), 0.02 * Math.sqrt(2.0 / 200));
    float[] lecun = floats(new LecunNormal(seed(3)).create(Shape.of(3, 3, 20, 300)));
    assertEquals(Math.sqrt(1.0 / 180), std(lecun), 0.02 * Math.sqrt(1.0 / 180));
    float[] untruncated = floats(new VarianceScaling(4.0, "fan_out", "untruncated_normal",
        seed(4)).create(shape));
    assertEquals(Math.sqrt(4.0 / 300), std(untruncated), 0.02 * Math.sqrt(4.0 / 300));
    // Uniforms: U(-limit, limit), limit = sqrt(3 * scale / n), std limit / sqrt(3).
    Map<Initializer, Double> limits = Map.of(
        new GlorotUniform(seed(5)), Math.sqrt(6.0 / 500),
        new HeUniform(seed(6)), Math.sqrt(6.0 / 200),
        new LecunUniform(seed(7)), Math.sqrt(3.0 / 200));
    limits.forEach((init, limit) -> {
      float[] v = floats(init.create(shape));
      assertTrue(maxAbs(v) <= limit && maxAbs(v) > 0.99 * limit, init.getClass().getName());
      assertEquals(limit / Math.sqrt(3), std(v), 0.02 * limit, init.getClass().getName());
    });
    float[] uniform = floats(new RandomUniform(seed(8)).create(shape));
    assertTrue(maxAbs(uniform) <= 0.05);
    assertEquals(0.05, std(floats(new RandomNormal(seed(9)).create(shape))), 0.001);
  }

  @Test
  void orthogonalWeightsHaveOrthonormalColumnsOrRowsTimesTheGain() {
    for (Shape shape : List.of(Shape.of(30, 10), Shape.of(10, 30), Shape.of(2, 3, 4, 6))) {
      FloatNdArray w = new Orthogonal(1.5, seed(11)).create(shape);
      int cols = (int) shape.get(shape.numDimensions() - 1);
      int rows = (int) (shape.size() / cols);
      float[] flat = floats(w);
      boolean tall = rows >= cols;
      int k = Math.min(rows, cols);
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          double dot = 0;
          for (int i = 0; i < Math.max(rows, cols); i++) {
            dot += tall ? flat[i * cols + a] * flat[i * cols + b]
                : flat[a * cols + i] * flat[b * cols + i];
          }
          assertEquals(a == b ? 2.25 : 0, dot, 1e-4, shape + " entry " + a + ", " + b);
        }
      }
    }
  }

  @Test
  void aKerasModelUsingEveryInitializerLoadsAndSavesTheSameConfigs(@TempDir Path dir)
      throws IOException {
    Path original = dir.resolve("original.keras");
    try (InputStream in = getClass().getResourceAsStream("initializers.keras")) {
      Files.copy(in, original);
    }
    Path resaved = dir.resolve("resaved.keras");
    try (Model model = Models.loadModel(original)) {
      model.save(resaved);
    }
    List<Object> before = kernelInitializers(original);
    assertEquals(17, before.size());
    assertEquals(before, kernelInitializers(resaved));
  }

  @SuppressWarnings("unchecked")
  static List<Object> kernelInitializers(Path keras) throws IOException {
    try (ZipFile zip = new ZipFile(keras.toFile())) {
      String json = new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(),
          StandardCharsets.UTF_8);
      Map<String, Object> config = (Map<String, Object>) ((Map<String, Object>) Json.parse(json))
          .get("config");
      return ((List<Map<String, Object>>) config.get("layers")).stream()
          .map(l -> (Map<String, Object>) l.get("config"))
          .filter(c -> c.containsKey("kernel_initializer"))
          .map(c -> Json.parse(Json.write(c.get("kernel_initializer"))))
          .toList();
    }
  }

  @Test
  void badArgumentsSayWhatIsWrong() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new VarianceScaling(1.0, "fan_sum", "uniform")).getMessage().contains("fan_in"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new VarianceScaling(0, "fan_in", "uniform")).getMessage().contains("positive"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new Identity().call(2, 2, 2)).getMessage().contains("2D"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new Orthogonal().call(4)).getMessage().contains("rank 2"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Initializers.get("glorot")).getMessage().contains("glorot_uniform"));
    assertEquals("RandomUniform", Initializers.get("uniform").getConfig().get("class_name"));
    assertEquals("HeNormal", Initializers.get("HeNormal").getConfig().get("class_name"));
  }
}
