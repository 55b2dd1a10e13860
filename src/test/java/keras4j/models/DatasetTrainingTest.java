package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import keras4j.callbacks.History;
import keras4j.data.Batch;
import keras4j.data.Dataset;
import keras4j.data.PyDataset;
import keras4j.layers.Dense;
import keras4j.optimizers.SGD;
import keras4j.utils.RandomSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;

/** fit, evaluate and predict on a {@link Dataset}: the same training as on arrays, streamed. */
class DatasetTrainingTest {
  // StepsPerExecutionTest's 42 samples of 5 features and 3 classes.
  private static final int SAMPLES = StepsPerExecutionTest.SAMPLES;

  private static float[][] features() {
    return StepsPerExecutionTest.features();
  }

  private static int[] labels() {
    return StepsPerExecutionTest.labels();
  }

  private static Sequential mlp() {
    return new Sequential(new Dense(8, activation("relu"), inputShape(5)),
        new Dense(3, activation("softmax")));
  }

  private static float[] flat(FloatNdArray a) {
    float[] out = new float[Math.toIntExact(a.shape().size())];
    a.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  private static void assertSameWeights(Model a, Model b) {
    List<FloatNdArray> wa = a.getWeights();
    List<FloatNdArray> wb = b.getWeights();
    for (int i = 0; i < wa.size(); i++) {
      assertArrayEquals(flat(wa.get(i)), flat(wb.get(i)), 1e-6f, "weight " + i);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void fitOnADatasetOfTheArraysTrainsAsFitOnTheArrays(int stepsPerExecution) {
    RandomSeed.set(7);
    try (Sequential arrays = mlp(); Sequential streamed = mlp()) {
      streamed.setWeights(arrays.getWeights());
      for (Model m : List.of(arrays, streamed)) {
        m.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"),
            metrics("accuracy"), stepsPerExecution(stepsPerExecution));
      }
      History a = arrays.fit(features(), labels(), epochs(3), batchSize(4), shuffle(false),
          verbose(0));
      History d = streamed.fit(Dataset.fromArrays(features(), labels()).batch(4), epochs(3),
          verbose(0));
      assertEquals(33, streamed.optimizer().iterations());
      assertSameWeights(arrays, streamed);
      for (String key : List.of("loss", "accuracy")) {
        for (int e = 0; e < 3; e++) {
          assertEquals(a.history().get(key).get(e), d.history().get(key).get(e), 1e-6,
              key + " of epoch " + e);
        }
      }
    }
  }

  @Test
  void theLossesOfALinearModelOnADatasetAreTheHandComputedOnes() {
    // y = 2x on 4 samples, one batch per epoch; zero weights, SGD(0.1), mse. Epoch 1's loss is
    // mean(y^2); its gradients are dw = -2 mean(x y), db = -2 mean(y).
    float[][] x = {{1}, {2}, {3}, {4}};
    float[] y = {2, 4, 6, 8};
    try (Sequential model = new Sequential(new Dense(1, inputShape(1)))) {
      model.setWeights(List.of(NdArrays.ofFloats(Shape.of(1, 1)), NdArrays.ofFloats(Shape.of(1))));
      model.compile(optimizer(new SGD(0.1)), loss("mse"));
      History h = model.fit(Dataset.fromArrays(x, y).batch(4), epochs(2), verbose(0));
      double w = 0;
      double b = 0;
      double[] expected = new double[2];
      for (int epoch = 0; epoch < 2; epoch++) {
        double loss = 0;
        double dw = 0;
        double db = 0;
        for (int i = 0; i < 4; i++) {
          double err = w * x[i][0] + b - y[i];
          loss += err * err / 4;
          dw += 2 * err * x[i][0] / 4;
          db += 2 * err / 4;
        }
        expected[epoch] = loss;
        w -= 0.1 * dw;
        b -= 0.1 * db;
      }
      assertEquals(30.0, expected[0], 1e-12);
      assertEquals(expected[0], h.history().get("loss").get(0), 1e-5);
      assertEquals(expected[1], h.history().get("loss").get(1), 1e-4);
    }
  }

  @Test
  void twoSeededRunsFromTheSameDatasetGiveIdenticalLossesAndAnotherSeedOthers() {
    List<Double> first = seededLosses(11);
    assertEquals(first, seededLosses(11));
    assertNotEquals(first, seededLosses(12));
  }

  private static List<Double> seededLosses(long seed) {
    RandomSeed.set(seed);
    try (Sequential model = mlp()) {
      model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"));
      Dataset data = Dataset.fromArrays(features(), labels()).shuffle(SAMPLES).batch(8)
          .map(b -> b, 2).prefetch(2);
      return model.fit(data, epochs(4), verbose(0)).history().get("loss");
    }
  }

  @Test
  void stepsPerEpochReadsOneEndlessGeneratorAcrossEpochs() {
    AtomicInteger made = new AtomicInteger();
    Iterator<Batch> endless = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Batch next() {
        int i = made.getAndIncrement() % SAMPLES;
        return Batch.of(new float[][] {features()[i]}, new int[] {labels()[i]});
      }
    };
    try (Sequential model = mlp()) {
      model.compile(optimizer("sgd"), loss("sparse_categorical_crossentropy"));
      History h = model.fit(Dataset.fromIterator(endless), epochs(3), stepsPerEpoch(5),
          verbose(0));
      assertEquals(3, h.history().get("loss").size());
      assertEquals(15, model.optimizer().iterations());
      assertEquals(15, made.get(), "no batch read beyond the last step");
    }
  }

  @Test
  void aDatasetRunningOutBeforeStepsPerEpochWarnsAsKerasAndStartsAgainNextEpoch() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (Sequential model = mlp()) {
      model.compile(optimizer("sgd"), loss("sparse_categorical_crossentropy"));
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      model.fit(Dataset.fromArrays(features(), labels()).batch(16), epochs(2), stepsPerEpoch(5),
          verbose(0));
      assertEquals(6, model.optimizer().iterations(), "3 batches per pass, a new pass each epoch");
    } finally {
      System.setErr(err);
    }
    String warning = captured.toString(StandardCharsets.UTF_8);
    assertTrue(warning.contains("Your input ran out of data; interrupting training. Make sure that"
        + " your dataset or generator can generate at least `steps_per_epoch * epochs` batches."),
        warning);
  }

  @Test
  void validationDataAsADatasetIsEvaluatedEachEpoch() {
    RandomSeed.set(3);
    try (Sequential model = mlp()) {
      model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"),
          metrics("accuracy"));
      Dataset validation = Dataset.fromArrays(features(), labels()).take(20).batch(6);
      History h = model.fit(Dataset.fromArrays(features(), labels()).batch(8), epochs(2),
          validationData(validation), verbose(0));
      Map<String, Double> after = model.evaluate(validation, verbose(0));
      assertEquals(after.get("loss"), h.history().get("val_loss").get(1), 1e-6);
      assertEquals(after.get("accuracy"), h.history().get("val_accuracy").get(1), 1e-6);
      float[][] first20 = java.util.Arrays.copyOf(features(), 20);
      int[] labels20 = java.util.Arrays.copyOf(labels(), 20);
      assertEquals(model.evaluate(first20, labels20, batchSize(6), verbose(0)), after);
      // steps(2): the first 12 samples only.
      assertEquals(model.evaluate(java.util.Arrays.copyOf(first20, 12),
          java.util.Arrays.copyOf(labels20, 12), batchSize(6), verbose(0)),
          model.evaluate(validation, steps(2), verbose(0)));
    }
  }

  @Test
  void predictOnADatasetLeavesOutTheLabelsAndKeepsTheOrder() {
    RandomSeed.set(5);
    try (Sequential model = mlp()) {
      float[][] expected = StdArrays.array2dCopyOf(model.predict(features(), verbose(0)));
      FloatNdArray streamed = model.predict(Dataset.fromArrays(features(), labels()).batch(5),
          verbose(0));
      assertArrayEquals(new long[] {SAMPLES, 3}, streamed.shape().asArray());
      float[][] got = StdArrays.array2dCopyOf(streamed);
      for (int i = 0; i < SAMPLES; i++) {
        assertArrayEquals(expected[i], got[i], 1e-6f, "row " + i);
      }
      FloatNdArray two = model.predict(Dataset.fromArrays(features()).batch(5), steps(2));
      assertArrayEquals(new long[] {10, 3}, two.shape().asArray());
    }
  }

  /** Batches of 4 samples by index; records the order asked. */
  private static final class Indexed extends PyDataset {
    final List<Integer> asked = Collections.synchronizedList(new ArrayList<>());

    Indexed() {
      super(1, 4); // one worker: the order asked is the order of the batches
    }

    @Override
    public int numBatches() {
      return 10;
    }

    @Override
    public Batch getItem(int index) {
      asked.add(index);
      float[][] x = java.util.Arrays.copyOfRange(features(), 4 * index, 4 * index + 4);
      int[] y = java.util.Arrays.copyOfRange(labels(), 4 * index, 4 * index + 4);
      return Batch.of(x, y);
    }
  }

  @Test
  void fitShufflesTheBatchesOfAPyDatasetEachEpochUnlessToldNot() {
    RandomSeed.set(9);
    try (Sequential inOrder = mlp(); Sequential arrays = mlp(); Sequential shuffled = mlp()) {
      arrays.setWeights(inOrder.getWeights());
      for (Model m : List.of(inOrder, arrays, shuffled)) {
        m.compile(optimizer("sgd"), loss("sparse_categorical_crossentropy"));
      }
      Indexed data = new Indexed();
      inOrder.fit(data, epochs(2), shuffle(false), verbose(0));
      assertEquals(IntStream.range(0, 20).map(i -> i % 10).boxed().toList(), data.asked);
      arrays.fit(java.util.Arrays.copyOf(features(), 40), java.util.Arrays.copyOf(labels(), 40),
          epochs(2), batchSize(4), shuffle(false), verbose(0));
      assertSameWeights(inOrder, arrays);

      Indexed again = new Indexed();
      shuffled.fit(again, epochs(2), verbose(0));
      List<Integer> epoch1 = again.asked.subList(0, 10);
      List<Integer> epoch2 = again.asked.subList(10, 20);
      assertEquals(IntStream.range(0, 10).boxed().toList(), epoch1.stream().sorted().toList());
      assertEquals(IntStream.range(0, 10).boxed().toList(), epoch2.stream().sorted().toList());
      assertNotEquals(epoch1, epoch2);
    }
  }

  // ---- bad input

  private static Sequential compiled() {
    Sequential model = mlp();
    model.compile(optimizer("sgd"), loss("sparse_categorical_crossentropy"));
    return model;
  }

  @Test
  void aBatchOfAnotherShapeIsNamed() {
    List<Batch> batches = List.of(Batch.of(new float[4][5], new int[4]),
        Batch.of(new float[4][5], new int[4]), Batch.of(new float[4][3], new int[4]));
    try (Sequential model = compiled()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> model.fit(Dataset.fromIterator(batches.iterator()), verbose(0)));
      assertEquals("Batch 2 of the dataset has x of shape (4, 3), but batch 0 had x of shape"
          + " (4, 5): every batch must have the shape of the first but for the batch size",
          e.getMessage());
    }
    keras4j.data.DatasetThreads.assertNoneLeft();
  }

  @Test
  void aGeneratorThatThrowsIsNamedByItsBatchAndLeavesNoThread() {
    Dataset failing = Dataset.fromGenerator(() -> IntStream.range(0, 10).mapToObj(i -> {
      if (i == 3) {
        throw new IllegalStateException("the database connection dropped");
      }
      return Batch.of(new float[2][5], new int[2]);
    }).iterator()).prefetch(2);
    try (Sequential model = compiled()) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> model.fit(failing, epochs(2), verbose(0)));
      assertEquals("Reading batch 3 of the dataset failed: the database connection dropped",
          e.getMessage());
      assertEquals(3, model.optimizer().iterations());
    }
    keras4j.data.DatasetThreads.assertNoneLeft();
  }

  @Test
  void unbatchedUnlabelledEmptyAndOneShotDatasetsAreRefusedWithTheFix() {
    try (Sequential model = compiled()) {
      assertEquals("Batch 0 of the dataset is one sample Batch(x=(5,), y=()), not a batch: batch"
          + " the dataset with .batch(n), or give Batch.of(x, y) a batch axis",
          assertThrows(IllegalArgumentException.class,
              () -> model.fit(Dataset.fromArrays(features(), labels()), verbose(0)))
              .getMessage());
      assertEquals("Batch 0 of the dataset has no labels Batch(x=(4, 5)): fit and evaluate need"
          + " batches Batch.of(x, y)", assertThrows(IllegalArgumentException.class,
              () -> model.fit(Dataset.fromArrays(features()).batch(4), verbose(0))).getMessage());
      assertEquals("The dataset is empty: it gave no batch, so there is nothing to train or"
          + " evaluate on", assertThrows(IllegalArgumentException.class,
              () -> model.evaluate(Dataset.fromArrays(features(), labels()).take(0).batch(4)))
              .getMessage());
      Dataset once = Dataset.fromIterator(List.of(Batch.of(new float[2][5], new int[2]))
          .iterator());
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> model.fit(once, epochs(2), verbose(0)));
      assertTrue(e.getMessage().startsWith("This dataset reads a Java Iterator, which can be read"
          + " once, and a second pass (a second epoch) asked for it again"), e.getMessage());
      assertTrue(assertThrows(IllegalArgumentException.class, () -> model.fit(
          Dataset.fromArrays(new float[4][7], new int[4]).batch(2), verbose(0))).getMessage()
          .startsWith("Model 'sequential"), "input shape checked against the model's");
    }
  }

  @Test
  void argumentsForArraysOnlyOrDatasetsOnlyAreRefused() {
    try (Sequential model = compiled()) {
      Dataset data = Dataset.fromArrays(features(), labels()).batch(4);
      assertEquals("validationSplit is only supported for arrays, not a Dataset: pass the"
          + " validation batches as validationData(otherDataset)", assertThrows(
              IllegalArgumentException.class, () -> model.fit(data, validationSplit(0.2)))
              .getMessage());
      assertTrue(assertThrows(IllegalArgumentException.class, () -> model.fit(features(),
          labels(), validationData(data))).getMessage().startsWith("validationData(dataset)"));
      assertTrue(assertThrows(IllegalArgumentException.class, () -> model.fit(features(),
          labels(), stepsPerEpoch(3))).getMessage().startsWith("steps_per_epoch applies to a"
              + " Dataset"));
      assertEquals("stepsPerEpoch must be >= 1, got 0",
          assertThrows(IllegalArgumentException.class, () -> stepsPerEpoch(0)).getMessage());
    }
  }
}
