package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import keras4j.data.Batch;
import keras4j.data.Dataset;
import keras4j.layers.Dense;
import keras4j.layers.Embedding;
import keras4j.layers.InputLayer;
import keras4j.layers.LSTM;
import org.junit.jupiter.api.Test;

/**
 * Training an LSTM does not grow its graph (issue 11): once fit, evaluate and predict have each
 * traced their functions, more epochs, more calls, a last batch of another size and a second
 * sequence length already seen add no operation. Counted in the graph, not timed.
 */
class GraphGrowthTest {
  private static Sequential lstm(long steps, int stepsPerExecution) {
    Sequential model = new Sequential(steps < 0 ? new InputLayer("int32", NONE)
        : new InputLayer("int32", steps), new Embedding(20, 4), new LSTM(3),
        new Dense(2, activation("softmax")));
    model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"),
        metrics("accuracy"), stepsPerExecution(stepsPerExecution));
    return model;
  }

  private static int[][] ids(int samples, int length, SplittableRandom random) {
    int[][] out = new int[samples][length];
    for (int[] row : out) {
      for (int t = 0; t < length; t++) {
        row[t] = 1 + random.nextInt(19);
      }
    }
    return out;
  }

  private static int[] labels(int[][] ids) {
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = ids[i][0] % 2;
    }
    return out;
  }

  /** fit, evaluate and predict once each on (10, 6) ids, batch 4 (a last batch of 2). */
  private static void useOnce(Sequential model, int[][] x, int[] y, int epochs) {
    model.fit(x, y, epochs(epochs), batchSize(4), verbose(0));
    model.evaluate(x, y, batchSize(4), verbose(0));
    model.predict(x, batchSize(4), verbose(0));
  }

  @Test
  void moreStepsAndCallsAddNoOperations() {
    SplittableRandom random = new SplittableRandom(3);
    int[][] x = ids(10, 6, random);
    int[] y = labels(x);
    for (int stepsPerExecution : new int[] {1, 2}) {
      try (Sequential model = lstm(6, stepsPerExecution)) {
        assertEquals(0, ModelGraphs.size(model));
        useOnce(model, x, y, 1);
        int traced = ModelGraphs.size(model);
        // An unrolled LSTM of 6 steps and its gradient: hundreds of operations.
        assertTrue(traced > 300, "only " + traced + " operations");
        useOnce(model, x, y, 20); // 60 more steps, by 20 epochs of one call
        for (int call = 0; call < 5; call++) {
          useOnce(model, x, y, 1);
        }
        assertEquals(traced, ModelGraphs.size(model), "stepsPerExecution " + stepsPerExecution);
      }
    }
  }

  @Test
  void aLengthSeenBeforeAddsNoOperations() {
    SplittableRandom random = new SplittableRandom(5);
    List<Batch> batches = List.of(Batch.of(ids(3, 4, random), new int[] {0, 1, 0}),
        Batch.of(ids(3, 7, random), new int[] {1, 1, 0}));
    try (Sequential model = lstm(-1, 1)) {
      model.fit(Dataset.fromGenerator(batches::iterator), verbose(0));
      int traced = ModelGraphs.size(model);
      model.fit(Dataset.fromGenerator(batches::iterator), epochs(5), verbose(0));
      assertEquals(traced, ModelGraphs.size(model));
      // A third length is one more unrolled graph.
      model.fit(Dataset.fromGenerator(() -> List.of(Batch.of(ids(3, 5, random),
          new int[] {0, 0, 1})).iterator()), verbose(0));
      assertTrue(ModelGraphs.size(model) > traced);
    }
  }
}
