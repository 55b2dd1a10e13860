package keras4j.callbacks;

import static keras4j.Keras.batchSize;
import static keras4j.Keras.callbacks;
import static keras4j.Keras.epochs;
import static keras4j.Keras.shuffle;
import static keras4j.Keras.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import keras4j.models.Sequential;
import org.junit.jupiter.api.Test;

/** TerminateOnNaN on fits of {@link TinyRegression} whose labels hold a NaN. */
class TerminateOnNaNTest {

  private static float[][] labelsWithNaN(int row) {
    float[][] y = TinyRegression.Y.clone();
    y[row] = new float[] {Float.NaN};
    return y;
  }

  @Test
  void stopsAfterTheFirstBatchWithANaNLoss() {
    try (Sequential model = TinyRegression.model(0.01)) {
      List<Integer> batches = new ArrayList<>();
      History[] history = new History[1];
      String out = TinyRegression.capture(() -> history[0] = model.fit(TinyRegression.X,
          labelsWithNaN(0), epochs(3), batchSize(2), shuffle(false), verbose(0),
          callbacks(new TerminateOnNaN(),
              LambdaCallback.onBatchEnd((batch, logs) -> batches.add(batch)))));
      assertTrue(out.contains("Batch 0: Invalid loss, terminating training"), out);
      assertEquals(List.of(0), batches);
      assertEquals(List.of(0), history[0].epochs());
      assertTrue(history[0].history().get("loss").get(0).isNaN());
      assertEquals(1, model.optimizer().iterations());
    }
  }

  @Test
  void raisesNamingTheEpochAndBatch() {
    try (Sequential model = TinyRegression.model(0.01)) {
      // Row 2 is in the second batch of 2.
      var e = assertThrows(ArithmeticException.class, () -> model.fit(TinyRegression.X,
          labelsWithNaN(2), epochs(3), batchSize(2), shuffle(false), verbose(0),
          callbacks(new TerminateOnNaN(true))));
      String message = e.getMessage();
      assertTrue(message.contains("Invalid loss NaN at epoch 0, batch 1"), message);
      assertTrue(message.contains("NaN or infinite values in the inputs or labels"), message);
      assertTrue(message.contains("learning rate too high"), message);
      assertEquals(2, model.optimizer().iterations());
    }
  }

  @Test
  void finiteLossesTrainToTheEnd() {
    try (Sequential model = TinyRegression.model(0.01)) {
      History history = model.fit(TinyRegression.X, TinyRegression.Y, epochs(3), batchSize(2),
          verbose(0), callbacks(new TerminateOnNaN(true)));
      assertEquals(List.of(0, 1, 2), history.epochs());
      assertEquals(6, model.optimizer().iterations());
    }
  }
}
