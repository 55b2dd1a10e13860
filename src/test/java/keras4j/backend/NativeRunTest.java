package keras4j.backend;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import keras4j.core.KerasTensor;
import keras4j.layers.Concatenate;
import keras4j.layers.Conv2D;
import keras4j.layers.Dense;
import keras4j.layers.Embedding;
import keras4j.layers.Flatten;
import keras4j.layers.Input;
import keras4j.layers.MaxPooling2D;
import keras4j.models.Model;
import keras4j.models.Sequential;
import keras4j.utils.RandomArrays;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * {@code predict} through {@link NativeRun} ({@code TF_SessionRun} called directly): the same
 * bits as TensorFlow Java's runner (the path taken with {@code -Dkeras4j.nativePredict=false}) on
 * an MLP, a CNN and a model of several inputs and outputs; the same from many threads as from
 * one; no native memory kept per call; its pointers safe from a caller's {@link PointerScope}.
 */
class NativeRunTest {
  private static final float[][] ROWS =
      StdArrays.array2dCopyOf(new RandomArrays(3).normal(0f, 1f, 128, 12));
  private static final float[][][][] IMAGES =
      StdArrays.array4dCopyOf(new RandomArrays(4).normal(0f, 1f, 128, 10, 10, 2));

  private static Model mlp() {
    return new Sequential(new Dense(16, activation("relu"), inputShape(12)),
        new Dense(4, activation("softmax")));
  }

  private static Model cnn() {
    return new Sequential(new Conv2D(3, 3, activation("relu"), inputShape(10, 10, 2)),
        new MaxPooling2D(), new Flatten(), new Dense(5));
  }

  private static float[] flat(FloatNdArray values) {
    float[] out = new float[Math.toIntExact(values.size())];
    values.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  /** A model as {@code make} builds it, with {@code source}'s weights, on the runner path. */
  private static Model runnerTwin(Supplier<Model> make, Model source, Object x) {
    Model twin = make.get();
    twin.setWeights(source.getWeights());
    System.setProperty("keras4j.nativePredict", "false");
    try {
      long runs = NativeRun.RUNS.sum();
      twin.predictAll(x); // the first predict makes the function's run: the runner's
      assertEquals(runs, NativeRun.RUNS.sum(), "the property turns the native path off");
    } finally {
      System.clearProperty("keras4j.nativePredict");
    }
    return twin;
  }

  private static int rows(Object x) {
    return x instanceof List<?> inputs ? rows(inputs.get(0)) : java.lang.reflect.Array.getLength(x);
  }

  /** Every output of {@code fast} on {@code x} is the runner twin's, bit for bit. */
  private static void assertSameBits(Supplier<Model> make, Object x) {
    try (Model fast = make.get(); Model runner = runnerTwin(make, fast, x)) {
      long runs = NativeRun.RUNS.sum();
      List<FloatNdArray> native1 = fast.predictAll(x);
      List<FloatNdArray> native2 = fast.predictAll(x);
      // Batches of 32 rows (predict's default), one run each.
      assertEquals(runs + 2 * ((rows(x) + 31) / 32), NativeRun.RUNS.sum(),
          "predict took the native path");
      List<FloatNdArray> expected = runner.predictAll(x);
      assertEquals(expected.size(), native1.size());
      for (int k = 0; k < expected.size(); k++) {
        assertEquals(expected.get(k).shape(), native1.get(k).shape());
        assertArrayEquals(flat(expected.get(k)), flat(native1.get(k)), "output " + k);
        assertArrayEquals(flat(expected.get(k)), flat(native2.get(k)), "output " + k);
      }
      // predictOnBatch runs the same function on all rows at once.
      if (expected.size() == 1) {
        assertArrayEquals(flat(expected.get(0)), flat(fast.predictOnBatch(x)));
      }
    }
  }

  @Test
  void anMlpPredictsTheRunnersBits() {
    assertSameBits(NativeRunTest::mlp, new float[][] {ROWS[7]});
    assertSameBits(NativeRunTest::mlp, ROWS);
  }

  @Test
  void aCnnPredictsTheRunnersBits() {
    assertSameBits(NativeRunTest::cnn, new float[][][][] {IMAGES[5]});
    assertSameBits(NativeRunTest::cnn, IMAGES);
  }

  /** Inputs "a" (3 floats) and "b" (2 int32 ids); outputs a regression and a probability. */
  private static Model twoInTwoOut() {
    KerasTensor a = Input.shape(3);
    KerasTensor b = Input.ofType("int32", 2);
    KerasTensor ids = new Flatten().apply(new Embedding(6, 2).apply(b));
    KerasTensor both = new Concatenate().apply(List.of(a, ids));
    return new Model(List.of(a, b), List.of(new Dense(2).apply(both),
        new Dense(1, activation("sigmoid")).apply(both)));
  }

  @Test
  void severalInputsAndOutputsPredictTheRunnersBits() {
    float[][] a = Arrays.copyOf(ROWS, 9);
    for (int i = 0; i < a.length; i++) {
      a[i] = Arrays.copyOf(a[i], 3);
    }
    int[][] b = new int[9][2];
    for (int i = 0; i < b.length; i++) {
      b[i] = new int[] {i % 6, (i * 5) % 6};
    }
    assertSameBits(NativeRunTest::twoInTwoOut, List.of(a, b));
    assertSameBits(NativeRunTest::twoInTwoOut, List.of(new float[][] {a[4]}, new int[][] {b[4]}));
  }

  @Test
  void aDenseLayerPredictsItsAffineMap() {
    // Kernel rows (0, -1), (1, 0), (2, 1), bias (0, 0.5).
    try (Model model = new Sequential(new Dense(2, inputShape(3)))) {
      float[] kernel = {0, -1, 1, 0, 2, 1};
      model.setWeights(List.of(org.tensorflow.ndarray.NdArrays.wrap(
          org.tensorflow.ndarray.Shape.of(3, 2), DataBuffers.of(kernel)),
          org.tensorflow.ndarray.NdArrays.vectorOf(0f, 0.5f)));
      long runs = NativeRun.RUNS.sum();
      float[] y = flat(model.predict(new float[][] {{1, 2, 3}, {-1, 0, 4}}));
      assertEquals(runs + 1, NativeRun.RUNS.sum());
      assertArrayEquals(new float[] {8, 2.5f, 8, 5.5f}, y);
    }
  }

  @Test
  void threadsSharingAModelGetTheSerialAnswers() throws Exception {
    try (Model model = mlp()) {
      float[][] one = {ROWS[3]};
      float[] serial1 = flat(model.predict(one));
      float[] serial128 = flat(model.predict(ROWS));
      int threads = 8;
      int calls = 40;
      long runs = NativeRun.RUNS.sum();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Boolean>> answers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          answers.add(pool.submit(() -> {
            start.await();
            boolean same = true;
            for (int i = 0; i < calls; i++) {
              same &= Arrays.equals(serial1, flat(model.predict(one)));
              same &= Arrays.equals(serial128, flat(model.predictOnBatch(ROWS)));
            }
            return same;
          }));
        }
        start.countDown();
        for (Future<Boolean> answer : answers) {
          assertTrue(answer.get(120, TimeUnit.SECONDS), "a thread's predictions differ");
        }
      } finally {
        pool.shutdownNow();
      }
      // Other tests' runs may count too: at least these threads' ran natively.
      assertTrue(NativeRun.RUNS.sum() - runs >= 2L * threads * calls);
    }
  }

  @Test
  void predictsKeepNoNativeMemory() {
    float[][] wide = StdArrays.array2dCopyOf(new RandomArrays(6).rand(128, 784));
    try (Model model = mlp(); Model wideModel = new Sequential(new Dense(10, inputShape(784)))) {
      float[][] one = {ROWS[0]};
      for (int i = 0; i < 200; i++) {
        model.predict(one);
        wideModel.predict(wide);
      }
      long bytes = Pointer.totalBytes();
      long count = Pointer.totalCount();
      long physical = Pointer.physicalBytes();
      long runs = NativeRun.RUNS.sum();
      for (int i = 0; i < 2000; i++) {
        model.predict(one);
        wideModel.predict(wide);
      }
      assertTrue(NativeRun.RUNS.sum() - runs >= 4000, "predict took the native path");
      // JavaCPP's pointers: none allocated per call.
      assertTrue(Pointer.totalCount() - count <= 16,
          "pointers grew by " + (Pointer.totalCount() - count));
      assertTrue(Pointer.totalBytes() - bytes <= 64 * 1024,
          "pointer bytes grew by " + (Pointer.totalBytes() - bytes));
      // TensorFlow's tensors: leaking the 128 x 784 input tensor would keep 2,000 x 401 KB.
      long grown = Pointer.physicalBytes() - physical;
      assertTrue(grown < 200L << 20, "resident memory grew by " + grown + " bytes");
    }
  }

  @Test
  void aCallersPointerScopeLeavesTheRunsPointers() {
    try (Model model = mlp()) {
      PointerScope scope = new PointerScope();
      float[] expected;
      try {
        expected = flat(model.predict(ROWS)); // the first run allocates its pointers
      } finally {
        scope.close();
      }
      long runs = NativeRun.RUNS.sum();
      assertArrayEquals(expected, flat(model.predict(ROWS)));
      assertEquals(runs + 4, NativeRun.RUNS.sum(), "four batches of 32 rows");
    }
  }

  @Test
  void aModelPredictsAgainAfterClose() {
    Model model = mlp();
    float[] before = flat(model.predictOnBatch(ROWS));
    model.close(); // frees the graph and the run's pointers; the weights go back to the heap
    try {
      long runs = NativeRun.RUNS.sum();
      assertArrayEquals(before, flat(model.predictOnBatch(ROWS)), "a new graph, the same bits");
      assertEquals(runs + 1, NativeRun.RUNS.sum(), "the new graph's function runs natively");
    } finally {
      model.close();
    }
  }
}
