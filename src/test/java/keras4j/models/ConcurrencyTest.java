package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import keras4j.core.KerasTensor;
import keras4j.layers.Dense;
import keras4j.layers.Dropout;
import keras4j.layers.Input;
import keras4j.utils.RandomArrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.StdArrays;

/**
 * Models shared between threads: 16 threads calling {@code predict} on cold models of every kind
 * get exactly what one thread gets, and {@code predict} during {@code fit} never fails.
 */
class ConcurrencyTest {
  private static final int THREADS = 16;
  private static final int MODELS = 4;
  private static final int CALLS = 12;
  private static final float[][] X =
      StdArrays.array2dCopyOf(new RandomArrays(11).normal(0f, 1f, 20, 5));

  /** A subclassed model: layers made in the constructor, {@code call} traced on first use. */
  static final class Subclassed extends Model {
    private final Dense hidden = new Dense(7, activation("relu"));
    private final Dropout dropout = new Dropout(0.5);
    private final Dense out = new Dense(3, activation("softmax"));

    @Override
    public KerasTensor call(KerasTensor x) {
      return out.apply(dropout.apply(hidden.apply(x)));
    }
  }

  static Model functional() {
    var inputs = Input.shape(5);
    var hidden = new Dense(7, activation("relu")).apply(inputs);
    return new Model(inputs, new Dense(3, activation("softmax")).apply(hidden));
  }

  static Model sequential() {
    return new Sequential(new Dense(7, activation("relu"), inputShape(5)), new Dropout(0.5),
        new Dense(3, activation("softmax")));
  }

  /** No input shape: the first predict, from whichever thread, decides it. */
  static Model sequentialFromData() {
    return new Sequential(new Dense(7, activation("relu")), new Dense(3, activation("softmax")));
  }

  @Test
  void coldFunctionalModels() throws Exception {
    checkConcurrentPredict(ConcurrencyTest::functional);
  }

  @Test
  void coldSequentialModels() throws Exception {
    checkConcurrentPredict(ConcurrencyTest::sequential);
    checkConcurrentPredict(ConcurrencyTest::sequentialFromData);
  }

  @Test
  void coldSubclassedModels() throws Exception {
    checkConcurrentPredict(Subclassed::new);
  }

  @Test
  void coldLoadedModels(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("model.keras");
    try (Model original = sequential()) {
      original.compile(optimizer("adam"), loss("categorical_crossentropy"));
      original.save(file);
    }
    checkConcurrentPredict(() -> Model.load(file));
    assertTrue(Files.exists(file));
  }

  /**
   * {@code MODELS} cold models, {@code THREADS} threads released at once, each predicting {@code
   * CALLS} times on every model; every answer equals the one-thread answer of the same model,
   * which then still predicts and closes.
   */
  private static void checkConcurrentPredict(Supplier<Model> make) throws Exception {
    List<Model> models = new ArrayList<>();
    for (int i = 0; i < MODELS; i++) {
      models.add(make.get());
    }
    List<List<float[][]>> answers = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<List<float[][]>>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int first = t;
        Callable<List<float[][]>> task = () -> {
          start.await();
          List<float[][]> mine = new ArrayList<>();
          for (int call = 0; call < CALLS; call++) {
            int m = (first + call) % MODELS;
            mine.add(StdArrays.array2dCopyOf(models.get(m).predict(X, verbose(0))));
          }
          return mine;
        };
        futures.add(pool.submit(task));
      }
      start.countDown();
      for (Future<List<float[][]>> f : futures) {
        answers.add(f.get(120, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    for (int m = 0; m < MODELS; m++) {
      float[][] alone = StdArrays.array2dCopyOf(models.get(m).predict(X, verbose(0)));
      for (int t = 0; t < THREADS; t++) {
        for (int call = 0; call < CALLS; call++) {
          if ((t + call) % MODELS == m) {
            float[][] got = answers.get(t).get(call);
            for (int row = 0; row < X.length; row++) {
              assertArrayEquals(alone[row], got[row], 0f, "model " + m + ", thread " + t);
            }
          }
        }
      }
      models.get(m).close();
    }
  }

  @Test
  void predictDuringFitNeverFails() throws Exception {
    float[][] y = StdArrays.array2dCopyOf(new RandomArrays(12).rand(20, 3));
    try (Model model = sequential()) {
      model.compile(optimizer("adam"), loss("mse"), metrics("mae"));
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        CountDownLatch start = new CountDownLatch(1);
        Future<Map<String, List<Double>>> fit = pool.submit(() -> {
          start.await();
          return model.fit(X, y, epochs(40), batchSize(4), verbose(0)).history();
        });
        List<Future<Integer>> predictions = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
          predictions.add(pool.submit(() -> {
            start.await();
            int calls = 0;
            while (!fit.isDone()) {
              float[][] p = StdArrays.array2dCopyOf(model.predict(X, verbose(0)));
              for (float[] row : p) {
                for (float v : row) {
                  assertTrue(Float.isFinite(v));
                }
              }
              calls++;
            }
            return calls;
          }));
        }
        start.countDown();
        assertEquals(40, fit.get(120, TimeUnit.SECONDS).get("loss").size());
        for (Future<Integer> p : predictions) {
          assertTrue(p.get(120, TimeUnit.SECONDS) > 0);
        }
      } finally {
        pool.shutdownNow();
      }
      float[][] after = StdArrays.array2dCopyOf(model.predict(X, verbose(0)));
      assertEquals(X.length, after.length);
    }
  }
}
