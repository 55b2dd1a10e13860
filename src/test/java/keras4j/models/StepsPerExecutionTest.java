package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keras4j.callbacks.Callback;
import keras4j.callbacks.History;
import keras4j.layers.Dense;
import keras4j.optimizers.SGD;
import keras4j.utils.RandomSeed;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.StdArrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code stepsPerExecution(n)}: n batches per native call, the same training as one by one. */
class StepsPerExecutionTest {
  // 42 samples in batches of 4: ten whole batches and a last one of 2.
  static final int SAMPLES = 42;

  static float[][] features() {
    float[][] x = new float[SAMPLES][5];
    for (int i = 0; i < SAMPLES; i++) {
      for (int j = 0; j < 5; j++) {
        x[i][j] = (float) Math.sin(i * 1.3 + j * 0.7);
      }
    }
    return x;
  }

  static int[] labels() {
    int[] y = new int[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      y[i] = (i * 7) % 3;
    }
    return y;
  }

  private static Sequential mlp() {
    return new Sequential(new Dense(8, activation("relu"), inputShape(5)),
        new Dense(3, activation("softmax")));
  }

  @Test
  void unrolledStepsGiveTheWeightsAndLogsOfOneStepPerExecution() {
    RandomSeed.set(7);
    try (Sequential single = mlp(); Sequential unrolled = mlp()) {
      unrolled.setWeights(single.getWeights());
      single.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"),
          metrics("accuracy"));
      unrolled.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"),
          metrics("accuracy"), stepsPerExecution(3));
      History h1 = single.fit(features(), labels(), epochs(3), batchSize(4), shuffle(false),
          verbose(0));
      History h3 = unrolled.fit(features(), labels(), epochs(3), batchSize(4), shuffle(false),
          verbose(0));

      // 3 epochs of 11 batches each: 3 executions of 3, then 2 single batches, per epoch.
      assertEquals(33, single.optimizer().iterations());
      assertEquals(33, unrolled.optimizer().iterations());
      List<FloatNdArray> w1 = single.getWeights();
      List<FloatNdArray> w3 = unrolled.getWeights();
      for (int i = 0; i < w1.size(); i++) {
        assertArrayEquals(flat(w1.get(i)), flat(w3.get(i)), 1e-6f, "weight " + i);
      }
      for (String key : List.of("loss", "accuracy")) {
        List<Double> a = h1.history().get(key);
        List<Double> b = h3.history().get(key);
        for (int e = 0; e < a.size(); e++) {
          assertEquals(a.get(e), b.get(e), 1e-6, key + " of epoch " + e);
        }
      }
      assertEquals(single.evaluate(features(), labels(), batchSize(4), verbose(0)),
          unrolled.evaluate(features(), labels(), batchSize(4), verbose(0)));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void sgdStepsMatchNumpy(int steps) {
    // numpy, float32: for 2 epochs, for batches of 2 in order:
    //   g = 2 * (x @ w + b - y) / 2;  w -= 0.1 * x.T @ g;  b -= 0.1 * g.sum(0)
    // from w = [[0.5], [-0.25]], b = [0.1] gives w = [0.421553, 0.35964596], b = 0.03384471.
    float[][] x = {{1f, 2f}, {0.5f, -1f}, {-1.5f, 0.25f}, {2f, 1f}, {0f, -0.5f}, {1.25f, 0.75f}};
    float[] y = {1f, -0.5f, 0.25f, 2f, -1f, 0.5f};
    try (Sequential model = new Sequential(new Dense(1, inputShape(2)))) {
      model.setWeights(List.of(StdArrays.ndCopyOf(new float[][] {{0.5f}, {-0.25f}}),
          StdArrays.ndCopyOf(new float[] {0.1f})));
      model.compile(optimizer(new SGD(0.1)), loss("mse"), stepsPerExecution(steps));
      model.fit(x, y, epochs(2), batchSize(2), shuffle(false), verbose(0));
      assertArrayEquals(new float[] {0.421553f, 0.35964596f}, flat(model.getWeights().get(0)),
          1e-6f);
      assertArrayEquals(new float[] {0.03384471f}, flat(model.getWeights().get(1)), 1e-6f);
    }
  }

  @Test
  void batchHooksSeeTheFirstAndLastBatchOfEachExecution() {
    List<Integer> begins = new ArrayList<>();
    List<Integer> ends = new ArrayList<>();
    Callback recorder = new Callback() {
      @Override
      public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
        begins.add(batch);
      }

      @Override
      public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        ends.add(batch);
      }
    };
    RandomSeed.set(3);
    try (Sequential model = mlp()) {
      model.compile(optimizer("sgd"), loss("sparse_categorical_crossentropy"),
          stepsPerExecution(4));
      // 11 batches: executions of 4, 4, then the whole batch 8, then 9, then the partial 10.
      model.fit(features(), labels(), batchSize(4), verbose(0), callbacks(recorder));
    }
    assertEquals(List.of(0, 4, 8, 9, 10), begins);
    assertEquals(List.of(3, 7, 8, 9, 10), ends);
  }

  private static float[] flat(FloatNdArray array) {
    float[] out = new float[(int) array.size()];
    array.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(out, false, false));
    return out;
  }
}
