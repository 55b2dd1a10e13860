package keras4j.layers;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import keras4j.models.Model;
import keras4j.models.Models;
import keras4j.optimizers.SGD;
import keras4j.saving.Json;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * One small model per layer kind and per activation, written by Python Keras 3.15.1 with random
 * weights (src/test/resources/keras4j/layers/make_layer_fixtures.py, and rnn/make_rnn_fixtures.py
 * for Embedding, Masking and the recurrent layers, with masks): each loads from .keras and
 * from legacy .h5 and predicts Keras's output within 1e-5; one SGD(0.1) step on the MSE loss
 * moves every weight (BatchNormalization-free models, so all of them) as Keras's did, within
 * 1e-5; keras4j's saves of it (.keras, .weights.h5) load back and predict the same. With {@code
 * -Dkeras4j.exportLayerSaves=DIR} the keras4j saves are also written to DIR, for
 * check_keras4j_saves.py to load them in Keras.
 */
class LayerFixturesTest {
  private static final double TOLERANCE = 1e-5;

  static Stream<String> cases() throws IOException {
    // The sequence layers' cases (rnn/, by rnn/make_rnn_fixtures.py) are named rnn/<case>.
    return Stream.concat(Files.readAllLines(fixture("cases.txt")).stream(),
        Files.readAllLines(fixture("rnn/cases.txt")).stream()).filter(l -> !l.isBlank());
  }

  private static Path fixture(String name) {
    try {
      return Path.of(LayerFixturesTest.class.getResource("/keras4j/layers/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test fixture keras4j/layers/" + name, e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> expected(String name) {
    try {
      return Json.parseObject(Files.readString(fixture(name + ".json")), name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static float[] floats(Object list) {
    List<Object> values = (List<Object>) list;
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) values.get(i)).floatValue();
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static FloatNdArray array(Map<String, Object> c, String key, String shapeKey) {
    long[] dims = ((List<Object>) c.get(shapeKey)).stream()
        .mapToLong(d -> ((Number) d).longValue()).toArray();
    FloatNdArray out = NdArrays.ofFloats(Shape.of(dims));
    out.copyFrom(DataBuffers.of(floats(c.get(key)), false, false));
    return out;
  }

  static void assertClose(float[] want, FloatNdArray got, String what) {
    float[] actual = new float[(int) got.shape().size()];
    got.copyTo(DataBuffers.of(actual, false, false));
    assertEquals(want.length, actual.length, what + ": number of values");
    double worst = 0;
    for (int i = 0; i < want.length; i++) {
      worst = Math.max(worst, Math.abs(want[i] - actual[i]));
    }
    if (!(worst <= TOLERANCE)) {
      throw new AssertionError(what + ": max |difference| " + worst + " > " + TOLERANCE);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void kerasFilesLoadAndPredictAsKeras(String name) {
    Map<String, Object> c = expected(name);
    FloatNdArray x = array(c, "x", "x_shape");
    for (String ext : new String[] {".keras", ".h5"}) {
      try (Model model = Models.loadModel(fixture(name + ext))) {
        assertClose(floats(c.get("y")), model.predict(x), name + ext + " predict");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void oneSgdStepMovesEveryWeightAsKeras(String name) {
    Map<String, Object> c = expected(name);
    if (!c.containsKey("after")) {
      return; // random layers: their training-time draws are checked in RandomImageLayersTest
    }
    try (Model model = Models.loadModel(fixture(name + ".keras"))) {
      model.compile(optimizer(new SGD(0.1)), loss("mse"));
      FloatNdArray x = array(c, "x", "x_shape");
      FloatNdArray target = array(c, "target", "y_shape");
      model.fit(x, target, epochs(1), batchSize((int) x.shape().get(0)), shuffle(false),
          verbose(0));
      List<FloatNdArray> weights = model.getWeights();
      List<?> after = (List<?>) c.get("after");
      assertEquals(after.size(), weights.size(), "number of weights");
      for (int i = 0; i < weights.size(); i++) {
        assertClose(floats(after.get(i)), weights.get(i), name + " weight " + i + " after a step");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void keras4jSavesLoadBackAndPredictTheSame(String name, @TempDir Path dir) throws IOException {
    Map<String, Object> c = expected(name);
    FloatNdArray x = array(c, "x", "x_shape");
    String export = System.getProperty("keras4j.exportLayerSaves");
    Path out = export == null ? dir : Files.createDirectories(Path.of(export));
    Path saved = out.resolve(name.replace('/', '_') + ".keras");
    Path weights = out.resolve(name.replace('/', '_') + ".weights.h5");
    try (Model model = Models.loadModel(fixture(name + ".keras"))) {
      model.save(saved);
      model.saveWeights(weights);
    }
    try (Model loaded = Models.loadModel(saved)) {
      assertClose(floats(c.get("y")), loaded.predict(x), name + " keras4j .keras");
    }
    // The weights file into a model built from Keras's legacy file, whose weights it replaces.
    try (Model other = Models.loadModel(fixture(name + ".h5"))) {
      other.loadWeights(weights);
      assertClose(floats(c.get("y")), other.predict(x), name + " keras4j .weights.h5");
    }
  }
}
