package keras4j.layers;

import static keras4j.Keras.batchSize;
import static keras4j.Keras.epochs;
import static keras4j.Keras.shuffle;
import static keras4j.Keras.verbose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import keras4j.models.Model;
import keras4j.models.Models;
import keras4j.saving.Json;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * The convolution and pooling layers against Python Keras 3.15.1: files Keras wrote
 * (src/test/resources/keras4j/layers/conv, by make_conv_fixtures.py there) load from {@code
 * .keras} and legacy {@code .h5} and predict Keras's outputs; one SGD step from the file's
 * weights moves every weight where Keras moved it (so the gradients match); and keras4j's own
 * {@code .keras} and legacy {@code .h5} saves of each model load back to the same predictions. With {@code
 * -Dkeras4j.conv.exportDir=DIR} those saves are also written to DIR, for check_keras4j_saves.py
 * (Keras loading keras4j's files).
 */
class ConvolutionFixturesTest {
  private static final double TOLERANCE = 1e-5;

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"conv1d_valid", "conv1d_same_strided", "conv1d_causal_dilated",
      "conv1d_groups", "conv3d_same_strided", "conv3d_dilated_groups", "conv2d_dilated_same", "conv2d_dilated_valid", "conv2d_groups",
      "depthwise2d", "depthwise2d_dilated", "depthwise2d_strided_dilated", "depthwise1d",
      "separable2d", "separable2d_dilated", "separable1d", "conv2d_transpose_same",
      "conv2d_transpose_output_padding", "conv2d_transpose_dilated",
      "conv2d_transpose_same_output_padding", "conv1d_transpose", "conv1d_transpose_dilated",
      "max_pooling1d", "average_pooling1d", "average_pooling1d_same", "max_pooling3d",
      "average_pooling3d_same", "unknown_size_2d", "unknown_size_1d"})
  void matchesKeras(String name) throws IOException {
    Map<String, Object> fixture = fixture(name);
    for (String format : List.of(".keras", ".h5")) {
      try (Model model = Models.loadModel(path(name + format))) {
        predictsAsKeras(model, fixture, name + format);
      }
    }
    try (Model model = Models.loadModel(path(name + ".keras"))) {
      configsMatchKeras(model, (List<?>) fixture.get("configs"), name);
      for (String format : List.of(".keras", ".h5")) {
        Path saved = tmp.resolve(name + format);
        model.save(saved);
        try (Model reloaded = Models.loadModel(saved)) {
          predictsAsKeras(reloaded, fixture, "keras4j's " + name + format);
        }
        String exportDir = System.getProperty("keras4j.conv.exportDir");
        if (exportDir != null) {
          Files.createDirectories(Path.of(exportDir));
          model.save(Path.of(exportDir, name + format));
        }
      }
      // The file is compiled with SGD(0.1) and mse, as Keras trained it.
      model.fit(array(fixture, "x"), array(fixture, "target"), epochs(1), batchSize(2),
          shuffle(false), verbose(0));
      List<FloatNdArray> weights = model.getWeights();
      List<?> after = (List<?>) fixture.get("after");
      assertEquals(after.size(), weights.size(), name + ": weights");
      for (int i = 0; i < after.size(); i++) {
        Map<?, ?> expected = (Map<?, ?>) after.get(i);
        assertClose(floats(expected.get("values")), weights.get(i),
            name + ": " + expected.get("name") + " after one SGD step");
      }
    }
  }

  /**
   * Each layer's config has Keras's keys and values, but for the ones keras4j leaves out
   * (the activity regularizer, which it does not support) and the dtype (a policy
   * object in Keras 3, "float32" in keras4j); initializers are compared by class.
   */
  private static void configsMatchKeras(Model model, List<?> kerasConfigs, String name) {
    List<Layer> layers = model.layers().stream().filter(l -> !(l instanceof InputLayer)).toList();
    assertEquals(kerasConfigs.size(), layers.size(), name + ": layers");
    for (int i = 0; i < layers.size(); i++) {
      Map<?, ?> keras = (Map<?, ?>) kerasConfigs.get(i);
      Map<String, Object> ours = layers.get(i).getConfig();
      Set<Object> missing = new TreeSet<>(keras.keySet());
      missing.removeAll(ours.keySet());
      missing.removeIf(k -> OMITTED.contains(k));
      assertEquals(Set.of(), missing, name + ": Keras config keys keras4j does not write");
      for (Map.Entry<String, Object> entry : ours.entrySet()) {
        String key = entry.getKey();
        Object expected = keras.get(key);
        Object actual = entry.getValue();
        if (key.equals("dtype")) {
          continue;
        }
        if (key.endsWith("_initializer")) {
          expected = ((Map<?, ?>) expected).get("class_name");
          actual = ((Map<?, ?>) actual).get("class_name");
        }
        assertEquals(Json.write(expected), Json.write(actual), name + ": config " + key);
      }
    }
  }

  private static final Set<String> OMITTED = Set.of("activity_regularizer");

  private static void predictsAsKeras(Model model, Map<String, Object> fixture, String what) {
    assertClose(floats(fixture.get("y")), model.predict(array(fixture, "x")), what);
    for (Object more : (List<?>) fixture.get("more")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> other = (Map<String, Object>) more;
      FloatNdArray y = model.predict(array(other, "x"));
      assertArrayEquals(longs(other.get("y_shape")), y.shape().asArray(), what + " shape");
      assertClose(floats(other.get("y")), y, what + " at input shape " + other.get("x_shape"));
    }
  }

  private static void assertClose(float[] expected, FloatNdArray actual, String what) {
    float[] got = new float[(int) actual.shape().size()];
    actual.copyTo(DataBuffers.of(got, false, false));
    assertEquals(expected.length, got.length, what + ": number of values");
    double worst = 0;
    for (int i = 0; i < got.length; i++) {
      worst = Math.max(worst, Math.abs(expected[i] - got[i]));
    }
    if (worst > TOLERANCE) {
      throw new AssertionError(what + ": max |difference| " + worst + " > " + TOLERANCE);
    }
  }

  private static FloatNdArray array(Map<String, Object> fixture, String key) {
    String shapeKey = key.equals("target") ? "y_shape" : key + "_shape";
    FloatNdArray out = NdArrays.ofFloats(Shape.of(longs(fixture.get(shapeKey))));
    out.copyFrom(DataBuffers.of(floats(fixture.get(key)), true, false));
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

  private static long[] longs(Object list) {
    return ((List<?>) list).stream().mapToLong(v -> ((Number) v).longValue()).toArray();
  }

  private static Map<String, Object> fixture(String name) {
    try {
      return Json.parseObject(Files.readString(path(name + ".json")), name + ".json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path path(String file) {
    try {
      return Path.of(ConvolutionFixturesTest.class.getResource("/keras4j/layers/conv/" + file)
          .toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test fixture keras4j/layers/conv/" + file, e);
    }
  }

}
