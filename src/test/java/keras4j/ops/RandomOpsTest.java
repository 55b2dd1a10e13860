package keras4j.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.saving.Json;
import keras4j.tf.TF;
import keras4j.tf.TracedFunction;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.NdArray;

/**
 * keras.random against the values Keras 3 draws on its TensorFlow backend for the same seeds
 * (random_expected.json, written by make_random_fixtures.py), statistics over many draws,
 * determinism of integer seeds, and new draws from a SeedGenerator, eagerly and traced.
 */
class RandomOpsTest {
  static final float[][] LOGITS = {{0, 1, 2}, {2, 1, 0}};
  static final float[][] ONES = {{1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}};

  @SuppressWarnings("unchecked")
  static Map<String, Object> expected() throws IOException {
    try (InputStream in = RandomOpsTest.class.getResourceAsStream("random_expected.json")) {
      return (Map<String, Object>) Json.parse(new String(in.readAllBytes(),
          StandardCharsets.UTF_8));
    }
  }

  @SuppressWarnings("unchecked")
  static double[] expectedValues(Map<String, Object> all, String name) {
    List<Number> values = (List<Number>) ((Map<String, Object>) all.get(name)).get("values");
    return values.stream().mapToDouble(Number::doubleValue).toArray();
  }

  static double[] values(KerasTensor t) {
    NdArray<?> value = t.value();
    double[] out = new double[(int) value.size()];
    int[] i = {0};
    value.scalars().forEach(s -> out[i[0]++] = ((Number) s.getObject()).doubleValue());
    return out;
  }

  static KerasTensor x() {
    float[][] x = new float[3][4];
    for (int i = 0; i < 12; i++) {
      x[i / 4][i % 4] = i;
    }
    return Ops.convertToTensor(x);
  }

  static Map<String, KerasTensor> seededDraws() {
    return Map.of(
        "normal", RandomOps.normal(new long[] {3, 4}, 1, 2, "float32", 42),
        "uniform", RandomOps.uniform(new long[] {5}, -1, 3, "float32", 7),
        "truncated_normal", RandomOps.truncatedNormal(new long[] {6}, 0, 1, "float32", 3),
        "randint", RandomOps.randint(new long[] {8}, 0, 10, "int32", 42),
        "randint_int64", RandomOps.randint(new long[] {4}, -5, 5, "int64", 1),
        "categorical", RandomOps.categorical(Ops.convertToTensor(LOGITS), 5, "int32", 11),
        "dropout", RandomOps.dropout(Ops.convertToTensor(ONES), 0.4, null, 5),
        "dropout_noise_shape",
            RandomOps.dropout(Ops.convertToTensor(ONES), 0.5, new long[] {1, 5}, 5),
        "shuffle", RandomOps.shuffle(x(), 0, 9),
        "shuffle_axis1", RandomOps.shuffle(x(), 1, 9));
  }

  @Test
  void integerSeedsDrawWhatKerasDrawsOnTheTensorFlowBackend() throws IOException {
    Map<String, Object> expected = expected();
    seededDraws().forEach((name, drawn) ->
        assertArrayEquals(expectedValues(expected, name), values(drawn), 1e-6, name));
    assertEquals("int64", RandomOps.randint(new long[] {4}, -5, 5, "int64", 1).dtype());
    assertEquals("int32", RandomOps.categorical(Ops.convertToTensor(LOGITS), 5, "int32", 11)
        .dtype());
  }

  @Test
  void integerSeedsDrawTheSameInsideATracedFunction() throws IOException {
    Map<String, Object> expected = expected();
    try (TracedFunction<Map<String, KerasTensor>> draws = TF.function(RandomOpsTest::seededDraws)) {
      for (int run = 0; run < 2; run++) {
        draws.call().forEach((name, drawn) ->
            assertArrayEquals(expectedValues(expected, name), values(drawn), 1e-6, name));
      }
    }
  }

  @Test
  void aSeedGeneratorDrawsKerassSequenceAndAdvancesItsState() throws IOException {
    Map<String, Object> expected = expected();
    SeedGenerator generator = new SeedGenerator(7);
    KerasTensor first = RandomOps.normal(new long[] {3}, 0, 1, "float32", generator);
    KerasTensor second = RandomOps.normal(new long[] {3}, 0, 1, "float32", generator);
    assertArrayEquals(expectedValues(expected, "generator_first"), values(first), 1e-6);
    assertArrayEquals(expectedValues(expected, "generator_second"), values(second), 1e-6);
    assertEquals(7f, generator.state().numpy().getFloat(0));
    assertEquals(2f, generator.state().numpy().getFloat(1));
    assertEquals(Map.of("seed", 7L), Map.copyOf(generator.getConfig()));
  }

  @Test
  void aSeedGeneratorInsideATracedFunctionDrawsAnewOnEveryRun() throws IOException {
    Map<String, Object> expected = expected();
    SeedGenerator generator = new SeedGenerator(7);
    try (TracedFunction<List<KerasTensor>> draw = TF.function(() -> List.of(
        RandomOps.normal(new long[] {3}, 0, 1, "float32", generator),
        RandomOps.normal(new long[] {3}, 0, 1, "float32", generator)))) {
      List<KerasTensor> run1 = draw.call();
      List<KerasTensor> run2 = draw.call();
      // Two draws in one trace take the counters 0 and 1; the next run goes on with 2 and 3.
      assertArrayEquals(expectedValues(expected, "generator_first"), values(run1.get(0)), 1e-6);
      assertArrayEquals(expectedValues(expected, "generator_second"), values(run1.get(1)), 1e-6);
      assertNotEquals(Arrays.toString(values(run1.get(0))), Arrays.toString(values(run2.get(0))));
      assertNotEquals(Arrays.toString(values(run2.get(0))), Arrays.toString(values(run2.get(1))));
    }
    assertEquals(4f, generator.state().numpy().getFloat(1));
  }

  @Test
  void drawsHaveTheirDistributionsStatistics() {
    double[] normal = values(RandomOps.normal(new long[] {20000}, 1, 2, "float32", 1));
    assertEquals(1, mean(normal), 0.05);
    assertEquals(2, std(normal), 0.05);
    double[] uniform = values(RandomOps.uniform(new long[] {20000}, -1, 3, "float32", 2));
    assertEquals(1, mean(uniform), 0.05);
    assertEquals(4 / Math.sqrt(12), std(uniform), 0.03);
    assertTrue(Arrays.stream(uniform).allMatch(v -> v >= -1 && v < 3));
    double[] truncated = values(RandomOps.truncatedNormal(new long[] {20000}, 0, 1, "float32", 3));
    assertTrue(Arrays.stream(truncated).allMatch(v -> Math.abs(v) <= 2));
    // The standard deviation of a standard normal truncated to [-2, 2].
    assertEquals(0.87962566103423978, std(truncated), 0.02);
    double[] ints = values(RandomOps.randint(new long[] {20000}, 3, 7, "int32", 4));
    assertTrue(Arrays.stream(ints).allMatch(v -> v >= 3 && v < 7 && v == Math.rint(v)));
    assertEquals(4.5, mean(ints), 0.05);
    double[] kept = values(RandomOps.dropout(Ops.ones(20000), 0.25, null, 5));
    assertEquals(0.25, Arrays.stream(kept).filter(v -> v == 0).count() / 20000.0, 0.02);
    assertTrue(Arrays.stream(kept).allMatch(v -> v == 0 || Math.abs(v - 4 / 3.0) < 1e-6));
    // softmax([0, ln 3]) = [1/4, 3/4].
    double[] classes = values(RandomOps.categorical(
        Ops.convertToTensor(new float[][] {{0, (float) Math.log(3)}}), 20000, "int32", 6));
    assertEquals(0.75, mean(classes), 0.02);
    assertArrayEquals(new double[] {0, 0, 0}, values(RandomOps.dropout(Ops.ones(3), 1, null, 1)));
    assertArrayEquals(new double[] {1, 1, 1}, values(RandomOps.dropout(Ops.ones(3), 0, null, 1)));
    double[] shuffled = values(RandomOps.shuffle(Ops.arange(100), 0, 7));
    double[] sorted = shuffled.clone();
    Arrays.sort(sorted);
    assertArrayEquals(values(Ops.arange(100)), sorted);
  }

  @Test
  void badArgumentsSayWhatIsWrong() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> RandomOps.uniform(new long[] {2}, 0, 1, "int32", 1)).getMessage()
        .contains("floating point dtype"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> RandomOps.randint(new long[] {2}, 0, 1, "float32", 1)).getMessage()
        .contains("integer dtype"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> RandomOps.randint(new long[] {2}, 3, 3, "int32", 1)).getMessage()
        .contains("minval must be below maxval"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> RandomOps.categorical(Ops.ones(3), 2, "int32", 1)).getMessage()
        .contains("2-D"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> RandomOps.dropout(Ops.ones(3), 1.5, null, 1)).getMessage()
        .contains("[0, 1]"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> RandomOps.normal(new long[] {-1}, 0, 1, "float32", 1)).getMessage()
        .contains("negative"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> RandomOps.shuffle(Ops.ones(3), 1, 1)).getMessage().contains("out of range"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new SeedGenerator(1L << 30)).getMessage().contains("2^24"));
  }

  static double mean(double[] v) {
    return Arrays.stream(v).average().orElseThrow();
  }

  static double std(double[] v) {
    double m = mean(v);
    return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).average().orElseThrow());
  }
}
