package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import keras4j.callbacks.Callback;
import keras4j.layers.Dense;
import keras4j.optimizers.SGD;
import keras4j.utils.RandomSeed;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * {@code fit} reads its batches from the user's float32 arrays ({@code FloatNdArray}, {@code
 * float[][]}, {@code float[]}) without a copy of the training set, shuffled rows gathered straight
 * into the batch tensors, and a validation split as a view of the arrays' tail.
 */
class FitWithoutCopyTest {
  private static final int FEATURES = 256;

  /**
   * x of {@code n} samples of FEATURES values: an NdArray of floats ("ndarray") or of uint8
   * ("bytes"), or float[][] rows of the same values ("rows" for "ndarray", "byteRows" for "bytes").
   */
  private static Object features(String kind, int n) {
    boolean bytes = kind.startsWith("byte");
    float[] flat = new float[n * FEATURES];
    for (int i = 0; i < flat.length; i++) {
      flat[i] = bytes ? (i * 37) % 256 : (float) Math.sin(i * 0.37);
    }
    if (kind.equals("ndarray")) {
      return NdArrays.wrap(Shape.of(n, FEATURES), DataBuffers.of(flat, false, false));
    }
    if (kind.equals("bytes")) {
      byte[] raw = new byte[flat.length];
      for (int i = 0; i < raw.length; i++) {
        raw[i] = (byte) flat[i];
      }
      return NdArrays.wrap(Shape.of(n, FEATURES), DataBuffers.of(raw, false, false));
    }
    float[][] rows = new float[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = Arrays.copyOfRange(flat, i * FEATURES, (i + 1) * FEATURES);
    }
    return rows;
  }

  private static float[] targets(int n) {
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) Math.cos(i * 0.11);
    }
    return y;
  }

  private static Sequential linear(int inputs, double learningRate) {
    Sequential model = new Sequential(new Dense(1, inputShape(inputs)));
    model.compile(optimizer(new SGD(learningRate(learningRate))), loss("mse"));
    return model;
  }

  private static long heapAfterGc() {
    System.gc();
    return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
  }

  /**
   * With x of 48 MB of float32 on the heap, fit (and its validation split) grows the live heap by
   * much less than one copy of x: a copy would be there at the start of training and at each
   * epoch's end. Bytes, converted as batches are read, are not copied either.
   */
  @ParameterizedTest
  @ValueSource(strings = {"ndarray", "rows", "bytes"})
  void fitHoldsNoCopyOfTheTrainingSet(String kind) {
    int n = 48 * 1024 * 1024 / 4 / FEATURES;
    RandomSeed.set(3);
    try (Sequential model = linear(FEATURES, kind.equals("bytes") ? 1e-7 : 0.05)) {
      // Builds the steps first, so that the heap the graph takes is not counted.
      model.fit(features(kind, 64), targets(64), epochs(1), batchSize(32), verbose(0),
          validationSplit(0.25));
      Object x = features(kind, n);
      float[] y = targets(n);
      long before = heapAfterGc();
      long[] most = {0};
      Callback probe = new Callback() {
        @Override
        public void onTrainBegin(Map<String, Double> logs) {
          most[0] = Math.max(most[0], heapAfterGc() - before);
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
          most[0] = Math.max(most[0], heapAfterGc() - before);
        }
      };
      model.fit(x, y, epochs(2), batchSize(1024), verbose(0), validationSplit(0.25),
          callbacks(probe));
      long copy = (long) n * FEATURES * 4; // as float32
      assertTrue(most[0] < copy / 8, "fit grew the heap by " + most[0] / 1e6 + " MB, a copy of x"
          + " is " + copy / 1e6 + " MB");
    }
  }

  /**
   * One batch of all the samples: the shuffled order changes nothing but the order of a mean, so
   * losses equal the unshuffled run's (a gather of wrong or repeated rows would change them), and
   * the validation loss of a split is evaluate's on the same tail given separately.
   */
  @ParameterizedTest
  @ValueSource(strings = {"ndarray", "rows", "vector", "bytes"})
  void shuffledRowsAreGatheredFromTheUsersArray(String kind) {
    int n = 120;
    boolean vector = kind.equals("vector");
    Object x = vector ? targets(n) : features(kind, n);
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) (i % 7) / 7;
    }
    List<Double> plain = null;
    for (boolean shuffled : new boolean[] {false, true}) {
      RandomSeed.set(11);
      try (Sequential model = linear(vector ? 1 : FEATURES, kind.equals("bytes") ? 1e-7 : 0.05)) {
        var history = model.fit(x, y, epochs(3), batchSize(90), verbose(0), shuffle(shuffled),
            validationSplit(0.25));
        List<Double> losses = history.history().get("loss");
        if (plain == null) {
          plain = losses;
        } else {
          for (int e = 0; e < 3; e++) {
            assertEquals(plain.get(e), losses.get(e), 1e-4 * Math.abs(plain.get(e)));
          }
        }
        Object tail = vector ? Arrays.copyOfRange((float[]) x, 90, n)
            : Arrays.copyOfRange((float[][]) features(kind.equals("bytes") ? "byteRows" : "rows",
                n), 90, n);
        double valLoss = history.history().get("val_loss").get(2);
        assertEquals(model.evaluate(tail, Arrays.copyOfRange(y, 90, n), verbose(0)).get("loss"),
            valLoss, 1e-6 * valLoss);
      }
    }
  }

  /**
   * Several batches: a seeded shuffle trains differently from no shuffle (the order is honoured),
   * and an NdArray gathers the same shuffled batches as float[][] rows of its values.
   */
  @ParameterizedTest
  @ValueSource(strings = {"ndarray", "bytes"})
  void shuffledBatchesAreTheSameFromEveryKindOfArray(String kind) {
    String rows = kind.equals("bytes") ? "byteRows" : "rows";
    double learningRate = kind.equals("bytes") ? 1e-7 : 0.05;
    float[] y = targets(120);
    List<Double> fromRows = losses(features(rows, 120), y, learningRate, true);
    List<Double> fromArray = losses(features(kind, 120), y, learningRate, true);
    List<Double> unshuffled = losses(features(kind, 120), y, learningRate, false);
    for (int e = 0; e < 3; e++) {
      assertEquals(fromRows.get(e), fromArray.get(e), 1e-6 * fromRows.get(e));
    }
    assertTrue(Math.abs(unshuffled.get(2) - fromArray.get(2)) > 1e-4 * unshuffled.get(2),
        "shuffled " + fromArray + " vs unshuffled " + unshuffled);
  }

  private static List<Double> losses(Object x, float[] y, double learningRate, boolean shuffle) {
    RandomSeed.set(5);
    try (Sequential model = linear(FEATURES, learningRate)) {
      return model.fit(x, y, epochs(3), batchSize(30), verbose(0), shuffle(shuffle))
          .history().get("loss");
    }
  }
}
