package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import keras4j.core.KerasTensor;
import keras4j.data.Batch;
import keras4j.data.Dataset;
import keras4j.layers.Dense;
import keras4j.layers.Embedding;
import keras4j.layers.GlobalAveragePooling1D;
import keras4j.layers.Input;
import keras4j.layers.LSTM;
import keras4j.optimizers.SGD;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Sequences of several lengths through an RNN on {@code Input(None)} (issue 18): fit and predict
 * trace one graph per length, and each gives what a model built for that length gives, and what
 * Keras gives (fixture by make_variable_length.py).
 */
class VariableLengthTest {
  private static Model model(long length) {
    KerasTensor in = Input.ofType("int32", length);
    Model model = new Model(in, new Dense(1).apply(new LSTM(3).apply(
        new Embedding(10, 4).apply(in))));
    model.compile(optimizer(new SGD(0.1)), loss("mse"));
    return model;
  }

  private static int[][] ids(int samples, int length, SplittableRandom random) {
    int[][] out = new int[samples][length];
    for (int[] row : out) {
      for (int t = 0; t < length; t++) {
        row[t] = random.nextInt(10);
      }
    }
    return out;
  }

  private static float[] flat(FloatNdArray array) {
    float[] out = new float[(int) array.size()];
    array.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  @Test
  void trainsOnBatchesOfLengths537AsModelsOfEachLengthAndPredictsOthers() {
    SplittableRandom random = new SplittableRandom(7);
    List<Batch> batches = new ArrayList<>();
    for (int length : new int[] {5, 3, 7}) {
      batches.add(Batch.of(ids(2, length, random),
          new float[] {(float) random.nextDouble(), (float) random.nextDouble()}));
    }
    try (Model flexible = model(NONE)) {
      List<FloatNdArray> start = flexible.getWeights();
      double loss = flexible.fit(Dataset.fromGenerator(batches::iterator), verbose(0))
          .history().get("loss").get(0);

      // The same steps, each on a model built for its batch's length, weights handed on.
      List<FloatNdArray> weights = start;
      double sum = 0;
      for (Batch batch : batches) {
        try (Model fixed = model(batch.x().shape().get(1))) {
          fixed.setWeights(weights);
          sum += fixed.fit(Dataset.fromGenerator(() -> List.of(batch).iterator()), verbose(0))
              .history().get("loss").get(0);
          weights = fixed.getWeights();
        }
      }
      // Batches of equal size: the epoch's loss is the mean of the three.
      assertEquals(sum / 3, loss, 1e-6);
      for (int i = 0; i < weights.size(); i++) {
        assertArrayEquals(flat(weights.get(i)), flat(flexible.getWeights().get(i)), 1e-6f);
      }

      int[][] four = ids(3, 4, random);
      int[][] nine = ids(2, 9, random);
      FloatNdArray streamed = flexible.predict(Dataset.fromGenerator(() -> List.of(
          Batch.of(four), Batch.of(nine)).iterator()));
      assertArrayEquals(new long[] {5, 1}, streamed.shape().asArray());
      float[] expected = new float[5];
      for (int[][] x : new int[][][] {four, nine}) {
        try (Model fixed = model(x[0].length)) {
          fixed.setWeights(flexible.getWeights());
          float[] p = flat(fixed.predict(x));
          System.arraycopy(p, 0, expected, x == four ? 0 : 3, p.length);
          assertArrayEquals(p, flat(flexible.predict(x)), 1e-6f);
        }
      }
      assertArrayEquals(expected, flat(streamed), 1e-6f);
    }
  }

  @Test
  void trainsAndPredictsAsKerasOnAGeneratorOfSeveralLengths() throws Exception {
    // Written by make_variable_length.py: Keras's untrained model, its batches, loss and
    // predictions after one epoch.
    Path dir = Path.of(getClass().getResource("variable_length.txt").toURI()).getParent();
    List<Batch> batches = new ArrayList<>();
    double kerasLoss = 0;
    int[][] probe = null;
    float[] kerasPredicted = null;
    for (String line : Files.readAllLines(dir.resolve("variable_length.txt"))) {
      String[] f = line.split(" ");
      switch (f[0]) {
        case "batch" -> batches.add(Batch.of(ints(f[1]), floats(f[2])));
        case "loss" -> kerasLoss = Double.parseDouble(f[1]);
        case "probe" -> probe = ints(f[1]);
        default -> kerasPredicted = floats(f[1]);
      }
    }
    try (Model model = Models.loadModel(dir.resolve("variable_length.keras"))) {
      model.compile(optimizer(new SGD(0.1)), loss("mse"));
      double loss = model.fit(Dataset.fromGenerator(batches::iterator), verbose(0))
          .history().get("loss").get(0);
      assertEquals(kerasLoss, loss, 1e-5);
      assertArrayEquals(kerasPredicted, flat(model.predict(probe)), 1e-5f);
    }
  }

  private static int[][] ints(String rows) {
    return Arrays.stream(rows.split(";")).map(r -> Arrays.stream(r.split(","))
        .mapToInt(Integer::parseInt).toArray()).toArray(int[][]::new);
  }

  private static float[] floats(String values) {
    String[] parts = values.split(",");
    float[] out = new float[parts.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Float.parseFloat(parts[i]);
    }
    return out;
  }

  @Test
  void stepsPerExecutionGroupsOnlyBatchesOfOneLengthAndEvaluateTakesEveryLength() {
    SplittableRandom random = new SplittableRandom(11);
    List<Batch> batches = new ArrayList<>();
    for (int length : new int[] {5, 5, 3, 6}) {
      batches.add(Batch.of(ids(2, length, random), new float[] {1, 0}));
    }
    try (Model grouped = model(NONE); Model single = model(NONE)) {
      grouped.compile(optimizer(new SGD(0.1)), loss("mse"), stepsPerExecution(2));
      single.setWeights(grouped.getWeights());
      Dataset data = Dataset.fromGenerator(batches::iterator);
      assertEquals(single.fit(data, verbose(0)).history().get("loss").get(0),
          grouped.fit(data, verbose(0)).history().get("loss").get(0), 1e-6);
      assertEquals(single.evaluate(data, verbose(0)).get("loss"),
          grouped.evaluate(data, verbose(0)).get("loss"), 1e-6);
      // Each batch evaluated by a model of its length: the mean of their losses.
      double sum = 0;
      for (Batch batch : batches) {
        try (Model fixed = model(batch.x().shape().get(1))) {
          fixed.setWeights(single.getWeights());
          sum += fixed.evaluate(Dataset.fromGenerator(() -> List.of(batch).iterator()),
              verbose(0)).get("loss");
        }
      }
      assertEquals(sum / batches.size(), single.evaluate(data, verbose(0)).get("loss"), 1e-6);
    }
  }

  @Test
  void aSequentialBuiltOnFirstUseTrainsOnSeveralLengthsToo() {
    SplittableRandom random = new SplittableRandom(3);
    try (Sequential flexible = new Sequential(new Embedding(10, 4, inputShape(NONE)),
        new LSTM(3), new Dense(1))) {
      flexible.compile(optimizer(new SGD(0.1)), loss("mse"));
      List<Double> losses = flexible.fit(Dataset.fromGenerator(() -> List.of(
          Batch.of(ids(2, 2, random), new float[] {1, 0}),
          Batch.of(ids(2, 6, random), new float[] {0, 1})).iterator()), epochs(2), verbose(0))
          .history().get("loss");
      assertEquals(2, losses.size());
      int[][] x = ids(2, 5, random);
      try (Model fixed = model(5)) {
        fixed.setWeights(flexible.getWeights());
        assertArrayEquals(flat(fixed.predict(x)), flat(flexible.predict(x)), 1e-6f);
      }
    }
  }

  @Test
  void layersThatTakeAnyLengthTrainOnSeveralLengthsWithoutAnRnn() {
    SplittableRandom random = new SplittableRandom(5);
    try (Model pooled = pooled(NONE); Model fixed = pooled(11)) {
      pooled.fit(Dataset.fromGenerator(() -> List.of(Batch.of(ids(2, 3, random), new float[2]),
          Batch.of(ids(2, 8, random), new float[2])).iterator()), verbose(0));
      fixed.setWeights(pooled.getWeights());
      int[][] x = ids(2, 11, random);
      assertArrayEquals(flat(fixed.predict(x)), flat(pooled.predict(x)), 1e-6f);
    }
  }

  private static Model pooled(long length) {
    KerasTensor in = Input.ofType("int32", length);
    Model model = new Model(in, new Dense(1).apply(
        new GlobalAveragePooling1D().apply(new Embedding(10, 4).apply(in))));
    model.compile(optimizer(new SGD(0.1)), loss("mse"));
    return model;
  }
}
