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
import keras4j.core.KerasTensor;
import keras4j.models.Model;
import keras4j.models.Models;
import keras4j.models.Sequential;
import keras4j.optimizers.SGD;
import keras4j.saving.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Inputs of dtype int32, int64 and bool (Keras's {@code Input(shape, dtype=...)}): fed as Java
 * int, long and boolean arrays without a detour through float32, Embedding looking their ids up;
 * the InputLayer config records the dtype, and a Keras-written int32-input model loads.
 */
class IntegerInputsTest {
  // Row i of the embedding is (i, 10 i): a lookup is checked by eye.
  private static Model embedding(KerasTensor ids, int rows) {
    Embedding layer = new Embedding(rows, 2);
    Model model = new Model(ids, layer.apply(ids));
    float[] table = new float[rows * 2];
    for (int i = 0; i < rows; i++) {
      table[2 * i] = i;
      table[2 * i + 1] = 10 * i;
    }
    layer.setWeights(List.of(NdArrays.wrap(Shape.of(rows, 2), DataBuffers.of(table))));
    return model;
  }

  private static float[] flat(FloatNdArray array) {
    float[] out = new float[(int) array.size()];
    array.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  @Test
  void int32AndInt64IdsAreLookedUpAsIntegers() {
    Model int32 = embedding(Input.ofType("int32", 2), 5);
    assertEquals("int32", int32.inputs().get(0).dtype());
    assertArrayEquals(new float[] {3, 30, 4, 40, 0, 0, 1, 10},
        flat(int32.predict(new int[][] {{3, 4}, {0, 1}})));

    Model int64 = embedding(Input.ofType("int64", 3), 6);
    assertArrayEquals(new float[] {5, 50, 0, 0, 1, 10},
        flat(int64.predict(NdArrays.wrap(Shape.of(1, 3), DataBuffers.of(new long[] {5, 0, 1})))));
  }

  @Test
  void boolInputsFeedBooleans() {
    Model model = embedding(Input.ofType("bool", 2), 2);
    assertArrayEquals(new float[] {1, 10, 0, 0},
        flat(model.predict(new boolean[][] {{true, false}})));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.predict(new int[][] {{1, 0}}));
    assertTrue(e.getMessage().contains("takes bool"), e.getMessage());
  }

  @Test
  void floatsMustBeWholeNumbersForAnIntInput() {
    Model model = embedding(Input.ofType("int32", 2), 4);
    // Keras casts a float array to the Input's dtype: whole numbers are the same ids...
    assertArrayEquals(new float[] {2, 20, 3, 30}, flat(model.predict(new float[][] {{2f, 3f}})));
    // ...but it would cut 1.7 to 1 silently: keras4j refuses it.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.predict(new double[][] {{1.7, 2}}));
    assertTrue(e.getMessage().contains("takes int32") && e.getMessage().contains("1.7"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Input.ofType("int16", 2));
  }

  @Test
  void fitsAndEvaluatesOnIntInputs() {
    KerasTensor ids = Input.ofType("int32", 2);
    Embedding embed = new Embedding(3, 1, embeddingsInitializer("zeros"));
    Model model = new Model(ids, new Flatten().apply(embed.apply(ids)));
    model.compile(optimizer(new SGD(0.1)), loss("mse"));
    int[][] x = {{0, 1}, {2, 2}};
    float[][] y = {{1, 2}, {3, 3}};
    // Zero embeddings: the loss is the mean of y squared.
    assertEquals((1 + 4 + 9 + 9) / 4.0, model.evaluate(x, y, verbose(0)).get("loss"), 1e-6);
    // One step: d loss / d output = 2 (0 - y) / 4 = -y / 2, summed into each id's row: row 0
    // gets -1/2, row 1 -1, row 2 -3/2 twice; SGD(0.1) moves them to 0.05, 0.1 and 0.3.
    model.fit(x, y, epochs(1), batchSize(2), verbose(0));
    assertArrayEquals(new float[] {0.05f, 0.1f, 0.3f, 0.3f}, flat(model.predict(x)), 1e-6f);
  }

  @Test
  void savesTheDtypeAndLoadsItBack(@TempDir Path dir) throws Exception {
    Sequential model = new Sequential(new InputLayer("int64", 3), new Embedding(5, 2));
    model.predict(new long[][] {{1, 2, 3}});
    Path file = dir.resolve("m.keras");
    model.save(file);
    Model loaded = Models.loadModel(file);
    assertArrayEquals(flat(model.predict(new long[][] {{4, 0, 1}})),
        flat(loaded.predict(new long[][] {{4, 0, 1}})));
    String config = new String(
        new java.util.zip.ZipFile(file.toFile()).getInputStream(
            new java.util.zip.ZipFile(file.toFile()).getEntry("config.json")).readAllBytes());
    assertTrue(config.contains("\"dtype\": \"int64\"") || config.contains("\"dtype\":\"int64\""),
        config);
  }

  @Test
  @SuppressWarnings("unchecked")
  void kerasWrittenIntInputModelsLoad() throws Exception {
    Path dir = Path.of(getClass().getResource("/keras4j/layers/text/int_embedding.json").toURI())
        .getParent();
    Map<String, Object> fixture = Json.parseObject(
        Files.readString(dir.resolve("int_embedding.json")), "int_embedding.json");
    int[][] ids = ((List<List<Number>>) fixture.get("ids")).stream()
        .map(row -> row.stream().mapToInt(Number::intValue).toArray()).toArray(int[][]::new);
    float[] expected = new float[ids.length * 2];
    List<List<Number>> rows = (List<List<Number>>) fixture.get("expected");
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < 2; j++) {
        expected[2 * i + j] = rows.get(i).get(j).floatValue();
      }
    }
    for (String file : new String[] {"int_embedding.keras", "int_embedding.h5"}) {
      Model model = Models.loadModel(dir.resolve(file));
      assertArrayEquals(expected, flat(model.predict(ids)), 1e-5f, file);
    }
  }
}
