package keras4j.layers;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import keras4j.models.Model;
import keras4j.models.Models;
import keras4j.models.Sequential;
import keras4j.saving.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * StringLookup and IntegerLookup against Python Keras 3.15.1
 * (src/test/resources/keras4j/layers/text/make_lookup_fixtures.py): each Keras-written model
 * loads from .keras and gives Keras's outputs for string or int64 inputs; keras4j's save of it
 * loads back the same (and in Keras: check_lookup_saves.py); adapt() learns Keras's vocabulary
 * and idf weights; Keras's adapted tf_idf lookups (make_adapted_tf_idf_lookups.py) load their idf
 * weights from the weights file.
 */
class LookupFixturesTest {
  private static Path dir() throws Exception {
    return Path.of(LookupFixturesTest.class.getResource("/keras4j/layers/text/lookups.json")
        .toURI()).getParent();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> fixtures() throws Exception {
    return (Map<String, Map<String, Object>>) (Map<?, ?>) Json.parseObject(
        Files.readString(dir().resolve("lookups.json")), "lookups.json");
  }

  static Stream<String> cases() throws Exception {
    return fixtures().keySet().stream().filter(name -> !name.startsWith("adapt_"));
  }

  @SuppressWarnings("unchecked")
  private static Object inputs(Map<String, Object> c) {
    List<List<Object>> rows = (List<List<Object>>) c.get("x");
    if (c.get("dtype").equals("string")) {
      return rows.stream().map(r -> r.toArray(new String[0])).toArray(String[][]::new);
    }
    return rows.stream().map(r -> r.stream().mapToLong(v -> ((Number) v).longValue()).toArray())
        .toArray(long[][]::new);
  }

  @SuppressWarnings("unchecked")

  private static float[] toFloats(List<List<Number>> rows) {
    float[] out = new float[rows.stream().mapToInt(List::size).sum()];
    int i = 0;
    for (List<Number> row : rows) {
      for (Number v : row) {
        out[i++] = v.floatValue();
      }
    }
    return out;
  }

  private static float[] flat(FloatNdArray array) {
    float[] out = new float[(int) array.size()];
    array.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void kerasModelsLoadAndPredictAsKeras(String name, @TempDir Path tmp) throws Exception {
    Map<String, Object> c = fixtures().get(name);
    Model model = Models.loadModel(dir().resolve(name + ".keras"));
    float[] want = toFloats(castRows(c.get("expected")));
    assertArrayEquals(want, flat(model.predict(inputs(c))), 1e-6f, name);
    // -Dkeras4j.exportLookupSaves=DIR also writes the saves there, for check_lookup_saves.py.
    String export = System.getProperty("keras4j.exportLookupSaves");
    Path saved = (export == null ? tmp : Path.of(export)).resolve(name + ".keras");
    model.save(saved);
    assertArrayEquals(want, flat(Models.loadModel(saved).predict(inputs(c))), 1e-6f, name);
  }

  @SuppressWarnings("unchecked")
  private static List<List<Number>> castRows(Object rows) {
    return (List<List<Number>>) rows;
  }

  @ParameterizedTest
  @MethodSource("adaptModes")
  @SuppressWarnings("unchecked")
  void adaptLearnsKerasVocabulary(String mode) throws Exception {
    Map<String, Object> c = fixtures().get("adapt_" + mode);
    StringLookup layer = new StringLookup(outputMode(mode));
    List<List<Object>> docs = (List<List<Object>>) c.get("x");
    layer.adapt(docs);
    assertEquals(c.get("vocabulary"), layer.getVocabulary());
    Model model = new Sequential(new InputLayer("string", 3), layer);
    assertArrayEquals(toFloats(castRows(c.get("expected"))), flat(model.predict(inputs(c))),
        1e-6f);
  }

  @Test
  void tfIdfAsKeras() throws Exception {
    Map<String, Object> c = fixtures().get("string_tf_idf");
    Model model = new Sequential(new InputLayer("string", 3), new StringLookup(
        vocabulary("a", "b", "c"), outputMode("tf_idf"), idfWeights(0.5, 1.0, 2.0)));
    // The OOV index weighs the mean idf, as Keras pads it.
    assertArrayEquals(toFloats(castRows(c.get("expected"))), flat(model.predict(inputs(c))),
        1e-6f);
  }

  @ParameterizedTest
  @MethodSource("adaptedTfIdfDtypes")
  @SuppressWarnings("unchecked")
  void kerasAdaptedTfIdfLoadsIdfFromWeightsFile(String dtype, @TempDir Path tmp) throws Exception {
    // make_adapted_tf_idf_lookups.py: the vocabulary an asset, the idf weights only in
    // model.weights.h5 (vars/idf_weights).
    Map<String, Object> c = (Map<String, Object>) Json.parseObject(
        Files.readString(dir().resolve("adapted_tf_idf_lookups.json")),
        "adapted_tf_idf_lookups.json").get(dtype);
    c.put("dtype", dtype);
    float[] want = toFloats(castRows(c.get("expected")));
    Model model = Models.loadModel(dir().resolve("adapted_tf_idf_" + dtype + ".keras"));
    assertArrayEquals(want, flat(model.predict(inputs(c))), 1e-6f, dtype);
    Path saved = tmp.resolve("resaved.keras");
    model.save(saved);
    assertArrayEquals(want, flat(Models.loadModel(saved).predict(inputs(c))), 1e-6f, dtype);
  }

  static Stream<String> adaptedTfIdfDtypes() {
    return Stream.of("string", "int64");
  }

  static Stream<String> adaptModes() {
    return Stream.of("int", "tf_idf");
  }

  @Test
  void stringsOneColumnAndBadInputs() {
    Model model = new Sequential(new InputLayer("string", 1),
        new StringLookup(vocabulary("yes", "no")));
    // A String[] is a column of one token per sample, as Keras feeds a rank-1 array.
    assertArrayEquals(new float[] {2, 1, 0}, flat(model.predict(new String[] {"no", "yes", "?"})));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.predict(new float[][] {{1}}));
    assertTrue(e.getMessage().contains("takes string"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new StringLookup(outputMode("binary")));
    assertThrows(IllegalArgumentException.class,
        () -> new StringLookup(vocabulary("a", "b", "a")));
    Model wrongInput = new Sequential(new InputLayer("int32", 1),
        new StringLookup(vocabulary("a")));
    IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class,
        () -> wrongInput.predict(new int[][] {{1}}));
    assertTrue(dtype.getMessage().contains("string"), dtype.getMessage());
  }
}
