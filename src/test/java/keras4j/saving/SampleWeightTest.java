package keras4j.saving;

import static keras4j.Keras.batchSize;
import static keras4j.Keras.classWeight;
import static keras4j.Keras.epochs;
import static keras4j.Keras.loss;
import static keras4j.Keras.metrics;
import static keras4j.Keras.optimizer;
import static keras4j.Keras.sampleWeight;
import static keras4j.Keras.shuffle;
import static keras4j.Keras.steps;
import static keras4j.Keras.validationData;
import static keras4j.Keras.verbose;
import static keras4j.Keras.weightedMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import keras4j.core.FitArg;
import keras4j.data.Batch;
import keras4j.data.Dataset;
import keras4j.models.Model;
import keras4j.optimizers.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sampleWeight}, {@code classWeight}, {@code weightedMetrics} and weighted validation data
 * against the numbers Python Keras 3.15.1 writes (weights/make_weight_fixtures.py): the same
 * compiled models, saved before training, trained and evaluated on the same data within 1e-5.
 * As in Keras 3, the weights change the loss and the weighted metrics, not the plain metrics.
 */
class SampleWeightTest {
  private static final Map<String, Object> CASES = cases();

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cases() {
    try {
      return (Map<String, Object>) Json.parse(
          Files.readString(Fixtures.path("weights/cases.json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A data array of cases.json: a matrix as float[][], a vector as float[]. */
  private static Object data(String name) {
    List<?> rows = (List<?>) ((Map<?, ?>) CASES.get("data")).get(name);
    if (!(rows.get(0) instanceof List<?>)) {
      float[] out = new float[rows.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = ((Number) rows.get(i)).floatValue();
      }
      return out;
    }
    float[][] out = new float[rows.size()][];
    for (int i = 0; i < out.length; i++) {
      List<?> row = (List<?>) rows.get(i);
      out[i] = new float[row.size()];
      for (int j = 0; j < row.size(); j++) {
        out[i][j] = ((Number) row.get(j)).floatValue();
      }
    }
    return out;
  }

  private static Model load(String name) {
    return Model.load(Fixtures.path("weights/" + name + ".keras"));
  }

  private static FitArg[] fitArgs(FitArg... more) {
    List<FitArg> args = new java.util.ArrayList<>(
        List.of(epochs(2), batchSize(4), shuffle(false), verbose(0)));
    args.addAll(List.of(more));
    return args.toArray(new FitArg[0]);
  }

  /** Keras's history of case {@code name}: every log name and every epoch's value. */
  private static void assertHistory(String name, Map<String, List<Double>> history) {
    Map<?, ?> expected = (Map<?, ?>) CASES.get(name);
    assertEquals(expected.keySet(), history.keySet(), name);
    expected.forEach((log, values) -> {
      for (int e = 0; e < 2; e++) {
        assertEquals(((Number) ((List<?>) values).get(e)).doubleValue(),
            history.get(log).get(e), 1e-5, name + " " + log + " epoch " + e);
      }
    });
  }

  private static void assertLogs(String name, Map<String, Double> logs) {
    Map<?, ?> expected = (Map<?, ?>) CASES.get(name);
    assertEquals(expected.keySet(), logs.keySet(), name);
    expected.forEach((log, value) ->
        assertEquals(((Number) value).doubleValue(), logs.get(log), 1e-5, name + " " + log));
  }

  @Test
  void sampleWeightsWeighTheLossAndWeightedMetricsAndTheValidationData() {
    try (Model model = load("single")) {
      assertHistory("single_fit_sample_weight", model.fit(data("x"), data("labels"), fitArgs(
          sampleWeight(data("sw")),
          validationData(data("xv"), data("labels_v"), data("swv")))).history());
    }
  }

  @Test
  void withoutWeightsTheWeightedMetricsEqualThePlainOnes() {
    try (Model model = load("single")) {
      assertHistory("single_fit_unweighted",
          model.fit(data("x"), data("labels"), fitArgs()).history());
    }
  }

  @Test
  void evaluateTakesSampleWeights() {
    try (Model model = load("single")) {
      assertLogs("single_evaluate_sample_weight", model.evaluate(data("x"), data("labels"),
          sampleWeight(data("sw")), batchSize(4), verbose(0)));
    }
  }

  @Test
  void classWeightsBecomeSampleWeightsOfEachLabelsClass() {
    try (Model model = load("single")) {
      // Compiled here as the file says, through the Java API.
      model.compile(optimizer(new SGD(0.2)), loss("sparse_categorical_crossentropy"),
          metrics("accuracy"), weightedMetrics("accuracy", "sparse_categorical_accuracy"));
      assertHistory("single_fit_class_weight", model.fit(data("x"), data("labels"),
          fitArgs(classWeight(Map.of(0, 0.5, 2, 3.0)))).history());
    }
  }

  @Test
  void severalOutputsTakeOneArrayPerOutputOrOneForAll() {
    List<Object> y = List.of(data("reg"), data("cls"));
    try (Model model = load("two")) {
      assertHistory("two_fit_per_output", model.fit(data("x"), y,
          fitArgs(sampleWeight(List.of(data("sw_reg"), data("sw_cls"))))).history());
    }
    try (Model model = load("two")) {
      assertHistory("two_fit_one_array",
          model.fit(data("x"), y, fitArgs(sampleWeight(data("sw")))).history());
    }
    try (Model model = load("two")) {
      assertLogs("two_evaluate_per_output", model.evaluate(data("x"),
          Map.of("reg", data("reg"), "cls", data("cls")),
          sampleWeight(Map.of("reg", data("sw_reg"), "cls", data("sw_cls"))), batchSize(4),
          verbose(0)));
    }
  }

  @Test
  void aDatasetCarriesItsSampleWeightsAsKerasFitTakesThem() {
    try (Model model = load("single")) {
      assertHistory("single_fit_sample_weight", model.fit(
          Dataset.fromArrays(data("x"), data("labels"), data("sw")).batch(4), epochs(2),
          verbose(0), validationData(
              Dataset.fromArrays(data("xv"), data("labels_v"), data("swv")).batch(4)))
          .history());
    }
    try (Model model = load("single")) {
      assertLogs("single_evaluate_sample_weight", model.evaluate(
          Dataset.fromArrays(data("x"), data("labels"), data("sw")).batch(4), verbose(0)));
    }
  }

  @Test
  void classWeightsApplyToADatasetsLabels() {
    try (Model model = load("single")) {
      model.compile(optimizer(new SGD(0.2)), loss("sparse_categorical_crossentropy"),
          metrics("accuracy"), weightedMetrics("accuracy", "sparse_categorical_accuracy"));
      assertHistory("single_fit_class_weight", model.fit(
          Dataset.fromArrays(data("x"), data("labels")).batch(4), epochs(2), verbose(0),
          classWeight(Map.of(0, 0.5, 2, 3.0))).history());
      String both = assertThrows(IllegalArgumentException.class, () -> model.fit(
          Dataset.fromArrays(data("x"), data("labels"), data("sw")).batch(4), verbose(0),
          classWeight(Map.of(0, 0.5)))).getMessage();
      assertTrue(both.contains("you cannot `class_weight` and `sample_weight` at the same time"),
          both);
    }
    try (Model two = load("two")) {
      String multi = assertThrows(IllegalArgumentException.class, () -> two.fit(
          Dataset.fromArrays(data("x"), List.of(data("reg"), data("cls"))).batch(4), verbose(0),
          classWeight(Map.of(0, 2.0)))).getMessage();
      assertTrue(multi.contains("only supported for Models with a single output"), multi);
    }
  }

  @Test
  void aDatasetOfSeveralOutputsTakesAListOrAMapOfLabelsAndWeights() {
    List<Object> y = List.of(data("reg"), data("cls"));
    try (Model model = load("two")) {
      assertHistory("two_fit_per_output", model.fit(Dataset.fromArrays(data("x"), y,
          List.of(data("sw_reg"), data("sw_cls"))).batch(4), epochs(2), verbose(0)).history());
    }
    try (Model model = load("two")) {
      assertHistory("two_fit_one_array", model.fit(
          Dataset.fromArrays(data("x"), y, data("sw")).batch(4), epochs(2), verbose(0))
          .history());
    }
    try (Model model = load("two")) {
      assertLogs("two_evaluate_per_output", model.evaluate(Dataset.fromArrays(data("x"),
          Map.of("reg", data("reg"), "cls", data("cls")),
          Map.of("reg", data("sw_reg"), "cls", data("sw_cls"))).batch(4), steps(3),
          verbose(0)));
    }
  }

  @Test
  void badWeightsInADatasetAreRefusedWithTheFix() {
    try (Model single = load("single"); Model two = load("two")) {
      Dataset weighted = Dataset.fromArrays(data("x"), data("labels"), data("sw")).batch(4);
      String twice = assertThrows(IllegalArgumentException.class, () -> single.fit(weighted,
          sampleWeight(data("sw")), verbose(0))).getMessage();
      assertTrue(twice.contains("put the weights in the batches, Batch.of(x, y, weights)"),
          twice);
      float[][] x = (float[][]) data("x");
      Dataset mixed = Dataset.fromIterator(List.of(
          Batch.of(new float[][] {x[0], x[1]}, new int[] {0, 1}, new float[] {1, 2}),
          Batch.of(new float[][] {x[2], x[3]}, new int[] {2, 0})).iterator());
      String missing = assertThrows(IllegalArgumentException.class,
          () -> single.fit(mixed, verbose(0))).getMessage();
      assertTrue(missing.contains("Batch 1 of the dataset has no sample weights but batch 0 had"
          + " them"), missing);
      String count = assertThrows(IllegalArgumentException.class, () -> Dataset.fromArrays(x,
          data("labels"), new float[3])).getMessage();
      assertEquals("x has 10 samples but sampleWeight has 3; they must have one weight per"
          + " sample", count);
      String name = assertThrows(IllegalArgumentException.class, () -> two.evaluate(
          Dataset.fromArrays(x, List.of(data("reg"), data("cls")), Map.of("reg", data("sw"),
              "clz", data("sw"))).batch(5), verbose(0))).getMessage();
      assertTrue(name.contains("'clz', which is not an output"), name);
    }
  }

  @Test
  void weightedMetricsSurviveSaveAndLoad(@TempDir Path dir) {
    Path saved = dir.resolve("single.keras");
    try (Model model = load("single")) {
      model.save(saved);
    }
    try (Model model = Model.load(saved)) {
      assertHistory("single_fit_unweighted",
          model.fit(data("x"), data("labels"), fitArgs()).history());
    }
  }

  @Test
  void badWeightsAreRefusedWithTheFix() {
    try (Model single = load("single"); Model two = load("two")) {
      Object x = data("x");
      Object labels = data("labels");
      String both = assertThrows(IllegalArgumentException.class, () -> single.fit(x, labels,
          fitArgs(sampleWeight(data("sw")), classWeight(Map.of(0, 2.0))))).getMessage();
      assertTrue(both.contains("class_weight") && both.contains("sample_weight"), both);
      String multi = assertThrows(IllegalArgumentException.class, () -> two.fit(x,
          List.of(data("reg"), data("cls")), fitArgs(classWeight(Map.of(0, 2.0))))).getMessage();
      assertTrue(multi.contains("only supported for Models with a single output"), multi);
      String count = assertThrows(IllegalArgumentException.class, () -> single.fit(x, labels,
          fitArgs(sampleWeight(new float[3])))).getMessage();
      assertTrue(count.contains("sampleWeight has 3 weights but x has 10 samples"), count);
      String shape = assertThrows(IllegalArgumentException.class, () -> single.evaluate(x,
          labels, sampleWeight(new float[10][2]))).getMessage();
      assertTrue(shape.contains("one weight per sample"), shape);
      String name = assertThrows(IllegalArgumentException.class, () -> two.evaluate(x,
          List.of(data("reg"), data("cls")), sampleWeight(Map.of("reg", data("sw"),
          "clz", data("sw"))))).getMessage();
      assertTrue(name.contains("'clz', which is not an output"), name);
    }
  }
}
