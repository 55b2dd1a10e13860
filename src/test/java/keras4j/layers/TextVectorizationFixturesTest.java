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
import keras4j.saving.ConfigReader;
import keras4j.saving.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * TextVectorization against Python Keras 3.15.1
 * (src/test/resources/keras4j/layers/text/make_text_vectorization_fixtures.py): for each config,
 * adapt() on the corpus learns Keras's vocabulary and idf weights, and the outputs on the
 * sentences are Keras's; Keras-written models with an adapted layer (its vocabulary an asset;
 * a tf_idf layer's idf weights in the weights file only, make_text_tf_idf_model.py) load and
 * predict as Keras; keras4j's saves load back the same (and in Keras:
 * check_text_vectorization_saves.py).
 */
class TextVectorizationFixturesTest {
  private static Path dir() throws Exception {
    return Path.of(TextVectorizationFixturesTest.class
        .getResource("/keras4j/layers/text/text_vectorization.json").toURI()).getParent();
  }

  private static Map<String, Object> fixtures() throws Exception {
    return Json.parseObject(
        Files.readString(dir().resolve("text_vectorization.json")), "text_vectorization.json");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> fixture(String name) throws Exception {
    return (Map<String, Object>) ((Map<String, Object>) fixtures().get("cases")).get(name);
  }

  @SuppressWarnings("unchecked")
  static Stream<String> cases() throws Exception {
    return ((Map<String, Object>) fixtures().get("cases")).keySet().stream();
  }

  @SuppressWarnings("unchecked")
  private static String[] strings(String key) throws Exception {
    return ((List<String>) fixtures().get(key)).toArray(new String[0]);
  }

  /** Keras's values, flattened: rows of numbers or (rank-1 outputs) numbers. */
  private static float[] flat(Object expected) {
    List<Number> values = new java.util.ArrayList<>();
    for (Object row : (List<?>) expected) {
      if (row instanceof List<?> list) {
        list.forEach(v -> values.add((Number) v));
      } else {
        values.add((Number) row);
      }
    }
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i).floatValue();
    }
    return out;
  }

  private static float[] flat(NdArray<?> array) {
    float[] out = new float[(int) array.size()];
    int[] i = {0};
    array.scalars().forEach(s -> out[i[0]++] = ((Number) s.getObject()).floatValue());
    return out;
  }

  @SuppressWarnings("unchecked")
  private static TextVectorization fromKerasArgs(Map<String, Object> c) {
    return TextVectorization.fromConfig(ConfigReader.of(c.get("config"), "config"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  @SuppressWarnings("unchecked")
  void outputsAndVocabularyAsKeras(String name, @TempDir Path tmp) throws Exception {
    Map<String, Object> c = fixture(name);
    TextVectorization layer = fromKerasArgs(c);
    if ((Boolean) c.get("adapted")) {
      layer.adapt(strings("corpus"));
    }
    assertEquals(c.get("vocabulary"), layer.getVocabulary(), name);
    if (c.containsKey("idf_weights")) {
      double[] want = ((List<Number>) c.get("idf_weights")).stream()
          .mapToDouble(Number::doubleValue).toArray();
      assertArrayEquals(want, layer.idfWeights(), 1e-6, name);
    }
    Model model = new Sequential(new InputLayer("string", 1), layer);
    String[] sentences = strings("sentences");
    float[] want = flat(c.get("expected"));
    assertArrayEquals(want, flat(model.predict(sentences)), 1e-6f, name);
    // -Dkeras4j.exportTextSaves=DIR also writes the saves there, for
    // check_text_vectorization_saves.py.
    String export = System.getProperty("keras4j.exportTextSaves");
    Path saved = (export == null ? tmp : Path.of(export)).resolve(name + ".keras");
    model.save(saved);
    assertArrayEquals(want, flat(Models.loadModel(saved).predict(sentences)), 1e-6f, name);
  }

  @Test
  void kerasModelWithAdaptedVocabularyLoadsAndPredicts(@TempDir Path tmp) throws Exception {
    // Keras keeps the adapted vocabulary in assets/.../vocabulary.txt, not in the config.
    Model model = Models.loadModel(dir().resolve("text_model.keras"));
    String[] sentences = strings("sentences");
    float[] want = flat(fixtures().get("model"));
    assertArrayEquals(want, flat(model.predict(sentences)), 1e-5f);
    String export = System.getProperty("keras4j.exportTextSaves");
    Path saved = (export == null ? tmp : Path.of(export)).resolve("model.keras");
    model.save(saved);
    assertArrayEquals(want, flat(Models.loadModel(saved).predict(sentences)), 1e-5f);
  }

  @Test
  @SuppressWarnings("unchecked")
  void kerasModelWithAdaptedTfIdfLoadsIdfFromWeightsAndPredicts(@TempDir Path tmp)
      throws Exception {
    // make_text_tf_idf_model.py: the vocabulary is an asset, the idf weights the dataset
    // vars/idf_weights of model.weights.h5, and the config holds neither.
    Map<String, Object> c = Json.parseObject(
        Files.readString(dir().resolve("text_tf_idf_model.json")), "text_tf_idf_model.json");
    double[] idf = ((List<Number>) c.get("idf_weights")).stream()
        .mapToDouble(Number::doubleValue).toArray();
    String[] sentences = strings("sentences");
    float[] want = flat(c.get("expected"));
    Model model = Models.loadModel(dir().resolve("text_tf_idf_model.keras"));
    TextVectorization layer = (TextVectorization) model.getLayer("text_vectorization");
    assertEquals(c.get("vocabulary"), layer.getVocabulary());
    assertArrayEquals(idf, layer.idfWeights(), 1e-6);
    assertArrayEquals(want, flat(model.predict(sentences)), 1e-5f);
    // The layer's own tf_idf outputs, in a model of its own, with the idf weights the file
    // assigned.
    assertArrayEquals(flat(c.get("vectorized")),
        flat(new Sequential(new InputLayer("string", 1), layer).predict(sentences)), 1e-5f);
    // keras4j's save keeps them (in the config and the weights file) and loads back the same.
    String export = System.getProperty("keras4j.exportTextSaves");
    Path saved = (export == null ? tmp : Path.of(export)).resolve("tf_idf_model.keras");
    model.save(saved);
    Model again = Models.loadModel(saved);
    assertArrayEquals(idf, ((TextVectorization) again.getLayer("text_vectorization"))
        .idfWeights(), 1e-6);
    assertArrayEquals(want, flat(again.predict(sentences)), 1e-5f);
  }

  @Test
  void adaptedTfIdfFileWithoutIdfWeightsIsRefusedClearly() throws Exception {
    // The same archive with both idf_weights datasets deleted: zeros must not stand in for them.
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> Models.loadModel(dir().resolve("text_tf_idf_no_idf.keras")));
    assertTrue(missing.getMessage().contains("no idf_weights at layers/text_vectorization/"
        + "_lookup_layer/vars"), missing.getMessage());
  }

  @Test
  @SuppressWarnings("unchecked")
  void javaKeywordArgumentsAndAdaptOnListStreamAndArray() throws Exception {
    List<String> corpus = List.of(strings("corpus"));
    String[] sentences = strings("sentences");
    TextVectorization capped = new TextVectorization(maxTokens(8), outputSequenceLength(4));
    capped.adapt(corpus);
    TextVectorization grams = new TextVectorization(ngrams(2, 3), outputMode("count"));
    grams.adapt(corpus.stream());
    TextVectorization whole = new TextVectorization(split(null), standardize("lower"));
    whole.adapt(strings("corpus"));
    Map<String, TextVectorization> layers =
        Map.of("int_max_tokens", capped, "ngrams_tuple", grams, "no_split", whole);
    for (var e : layers.entrySet()) {
      Map<String, Object> c = fixture(e.getKey());
      assertEquals(c.get("vocabulary"), e.getValue().getVocabulary(), e.getKey());
      Model model = new Sequential(new InputLayer("string", 1), e.getValue());
      assertArrayEquals(flat(c.get("expected")), flat(model.predict(sentences)), 1e-6f,
          e.getKey());
    }
    assertEquals(((List<Object>) fixture("int_max_tokens").get("vocabulary")).size(),
        capped.vocabularySize());
  }

  @Test
  void badInputsAreRefusedClearly() {
    Model ints = new Sequential(new InputLayer("int32", 1),
        new TextVectorization(vocabulary("a", "b")));
    IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class,
        () -> ints.predict(new int[][] {{1}}));
    assertTrue(dtype.getMessage().contains("string"), dtype.getMessage());
    Model wide = new Sequential(new InputLayer("string", 2),
        new TextVectorization(vocabulary("a", "b")));
    IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
        () -> wide.predict(new String[][] {{"a", "b"}}));
    assertTrue(rank.getMessage().contains("last shape dimension must be 1"), rank.getMessage());
    Model empty = new Sequential(new InputLayer("string", 1), new TextVectorization());
    IllegalStateException unadapted = assertThrows(IllegalStateException.class,
        () -> empty.predict(new String[] {"a"}));
    assertTrue(unadapted.getMessage().contains("adapt"), unadapted.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new TextVectorization(standardize("upper")));
    assertThrows(IllegalArgumentException.class, () -> new TextVectorization(split("comma")));
    assertThrows(IllegalArgumentException.class,
        () -> new TextVectorization(outputMode("count"), outputSequenceLength(3)));
    assertThrows(IllegalArgumentException.class,
        () -> new TextVectorization(outputMode("multi_hot"), padToMaxTokens(true)));
    assertThrows(IllegalStateException.class,
        () -> new TextVectorization(vocabulary("a")).adapt("a b"));
    // A model's graph holds the vocabulary: a new one after the first run would not reach it.
    TextVectorization used = new TextVectorization();
    used.adapt("a a b");
    Model running = new Sequential(new InputLayer("string", 1), used);
    assertArrayEquals(new float[] {2, 3, 1}, flat(running.predict(new String[] {"a b c"})));
    IllegalStateException stale = assertThrows(IllegalStateException.class,
        () -> used.adapt("c c b"));
    assertTrue(stale.getMessage().contains("before the model first runs"), stale.getMessage());
    IllegalArgumentException nullDoc = assertThrows(IllegalArgumentException.class,
        () -> new TextVectorization().adapt(java.util.Arrays.asList("a", null)));
    assertTrue(nullDoc.getMessage().contains("null"), nullDoc.getMessage());
  }

  @Test
  void fitsAndEvaluatesOnAStringNdArray() {
    // Counts over ("[UNK]", "a", "b") summed by a Dense of ones: "a b" 2, "b b c" 3, "a" 1
    // against targets 1, so the first (pre-update) loss is mse = (1 + 4 + 0) / 3, by hand.
    NdArray<String> texts = NdArrays.wrap(Shape.of(3), DataBuffers.ofObjects("a b", "b b c", "a"));
    try (Model model = new Sequential(new InputLayer("string", 1),
        new TextVectorization(vocabulary("a", "b"), outputMode("count")),
        new Dense(1, kernelInitializer("ones"), biasInitializer("zeros")))) {
      model.compile(optimizer("sgd"), loss("mse"));
      float[] ones = {1, 1, 1};
      assertEquals(5.0 / 3, model.evaluate(texts, ones, verbose(0)).get("loss"), 1e-6);
      List<Double> losses = model.fit(texts, ones, epochs(1), batchSize(3), verbose(0))
          .history().get("loss");
      assertEquals(5.0 / 3, losses.get(0), 1e-6);
    }
  }

  @Test
  void adaptsOnAStringNdArrayOfAnyShape() {
    // Keras: TextVectorization().adapt(np.array([["b a"], ["b c"]])).get_vocabulary()
    //   == ["", "[UNK]", "b", "c", "a"] (counts b 2, then c and a in reverse byte order).
    TextVectorization layer = new TextVectorization();
    layer.adapt(NdArrays.wrap(Shape.of(2, 1), DataBuffers.ofObjects("b a", "b c")));
    assertEquals(List.of("", "[UNK]", "b", "c", "a"), layer.getVocabulary());
  }
}
