package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import keras4j.layers.Dense;
import keras4j.utils.RandomArrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.StdArrays;

/**
 * {@code predict} of a {@code float[][]}, whose rows go straight into the feed tensor, and {@code
 * predictOnBatch}: the same numbers as the flattened NdArray path and as a forward pass computed
 * here in doubles, for one and 128 rows and from several threads on one model; {@code fit} of the
 * rows trains exactly as of the flattened array.
 */
class PredictFastPathTest {
  private static final float[][] X =
      StdArrays.array2dCopyOf(new RandomArrays(5).normal(0f, 1f, 128, 12));

  private static Sequential mlp() {
    return new Sequential(new Dense(16, activation("relu"), inputShape(12)),
        new Dense(4, activation("softmax")));
  }

  /** relu(x W1 + b1) W2 + b2, softmaxed, in doubles from the model's weights. */
  private static double[][] forward(Model model, float[][] x) {
    List<FloatNdArray> w = model.getWeights();
    float[][] w1 = StdArrays.array2dCopyOf(w.get(0));
    float[] b1 = StdArrays.array1dCopyOf(w.get(1));
    float[][] w2 = StdArrays.array2dCopyOf(w.get(2));
    float[] b2 = StdArrays.array1dCopyOf(w.get(3));
    double[][] out = new double[x.length][b2.length];
    for (int r = 0; r < x.length; r++) {
      double[] h = new double[b1.length];
      for (int j = 0; j < b1.length; j++) {
        h[j] = b1[j];
        for (int i = 0; i < x[r].length; i++) {
          h[j] += x[r][i] * w1[i][j];
        }
        h[j] = Math.max(0, h[j]);
      }
      double sum = 0;
      for (int k = 0; k < b2.length; k++) {
        out[r][k] = b2[k];
        for (int j = 0; j < h.length; j++) {
          out[r][k] += h[j] * w2[j][k];
        }
        out[r][k] = Math.exp(out[r][k]);
        sum += out[r][k];
      }
      for (int k = 0; k < b2.length; k++) {
        out[r][k] /= sum;
      }
    }
    return out;
  }

  private static void assertForward(double[][] expected, float[][] actual) {
    assertEquals(expected.length, actual.length);
    for (int r = 0; r < expected.length; r++) {
      for (int k = 0; k < expected[r].length; k++) {
        assertEquals(expected[r][k], actual[r][k], 1e-6, "row " + r + ", output " + k);
      }
    }
  }

  @Test
  void rowsPredictAsTheForwardPassAndAsTheFlatArray() {
    try (Sequential model = mlp()) {
      for (int rows : new int[] {1, 128}) {
        float[][] x = java.util.Arrays.copyOf(X, rows);
        float[][] fast = StdArrays.array2dCopyOf(model.predict(x, batchSize(rows), verbose(0)));
        float[][] flat = StdArrays.array2dCopyOf(
            model.predict(StdArrays.ndCopyOf(x), batchSize(rows), verbose(0)));
        assertForward(forward(model, x), fast);
        float[][] onBatch = StdArrays.array2dCopyOf(model.predictOnBatch(x));
        for (int r = 0; r < rows; r++) {
          assertArrayEquals(flat[r], fast[r], "row " + r + " differs from the flattened path");
          assertArrayEquals(fast[r], onBatch[r], "row " + r + " differs in predictOnBatch");
        }
      }
      // Several batches of rows, the last one short.
      assertForward(forward(model, X),
          StdArrays.array2dCopyOf(model.predict(X, batchSize(50), verbose(0))));
    }
  }

  @Test
  void threadsSharingAModelGetTheSameRows() throws Exception {
    try (Sequential model = mlp()) {
      float[][] one = {X[3]};
      float[][] expected1 = StdArrays.array2dCopyOf(model.predict(one, verbose(0)));
      float[][] expected128 = StdArrays.array2dCopyOf(model.predict(X, verbose(0)));
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Boolean>> calls = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          calls.add(pool.submit(() -> {
            for (int i = 0; i < 25; i++) {
              float[][] p1 = StdArrays.array2dCopyOf(model.predict(one, verbose(0)));
              float[][] p128 = StdArrays.array2dCopyOf(model.predict(X, verbose(0)));
              if (!java.util.Arrays.deepEquals(expected1, p1)
                  || !java.util.Arrays.deepEquals(expected128, p128)) {
                return false;
              }
            }
            return true;
          }));
        }
        for (Future<Boolean> call : calls) {
          assertTrue(call.get(), "a thread's predictions differ from one thread's");
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void fitOfRowsTrainsAsFitOfTheFlatArray() {
    float[] y = new float[X.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = i % 4;
    }
    try (Sequential rows = mlp(); Sequential flat = mlp()) {
      rows.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"));
      flat.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"));
      flat.setWeights(rows.getWeights());
      rows.fit(X, y, epochs(2), batchSize(32), shuffle(false), verbose(0));
      flat.fit(StdArrays.ndCopyOf(X), y, epochs(2), batchSize(32), shuffle(false), verbose(0));
      for (int i = 0; i < 4; i++) {
        assertEquals(flat.getWeights().get(i), rows.getWeights().get(i), "weight " + i);
      }
    }
  }

  @Test
  void raggedOrNullRowsAreRefused() {
    try (Sequential model = mlp()) {
      var ragged = assertThrows(IllegalArgumentException.class,
          () -> model.predict(new float[][] {new float[12], new float[11]}, verbose(0)));
      assertTrue(ragged.getMessage().contains("ragged"), ragged.getMessage());
      var nullRow = assertThrows(IllegalArgumentException.class,
          () -> model.predict(new float[][] {new float[12], null}, verbose(0)));
      assertTrue(nullRow.getMessage().contains("null row"), nullRow.getMessage());
    }
  }
}
