package keras4j.callbacks;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keras4j.models.Sequential;
import org.junit.jupiter.api.Test;

/**
 * Keras 3's fit evaluates the validation data with its own callbacks, so their test hooks fire
 * inside each epoch, after its training batches and before on_epoch_end (trainer.py's
 * {@code self.evaluate(..., callbacks=callbacks)}).
 */
class FitValidationHooksTest {
  @Test
  void validationRunsTheTestHooksInsideEachEpoch() {
    List<String> calls = new ArrayList<>();
    Callback recorder = new Callback() {
      @Override
      public void onEpochBegin(int epoch, Map<String, Double> logs) {
        calls.add("epoch_begin " + epoch);
      }

      @Override
      public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        calls.add("train_batch_end " + batch);
      }

      @Override
      public void onTestBegin(Map<String, Double> logs) {
        calls.add("test_begin");
      }

      @Override
      public void onTestBatchEnd(int batch, Map<String, Double> logs) {
        calls.add("test_batch_end " + batch);
      }

      @Override
      public void onTestEnd(Map<String, Double> logs) {
        calls.add("test_end " + logs.keySet());
      }

      @Override
      public void onEpochEnd(int epoch, Map<String, Double> logs) {
        calls.add("epoch_end " + epoch + " " + logs.keySet());
      }
    };
    try (Sequential model = TinyRegression.model(0.01)) {
      model.fit(TinyRegression.X, TinyRegression.Y, epochs(2), batchSize(2), verbose(0),
          validationData(TinyRegression.X, TinyRegression.Y), callbacks(recorder));
    }
    List<String> epoch = List.of("train_batch_end 0", "train_batch_end 1", "test_begin",
        "test_batch_end 0", "test_batch_end 1", "test_end [loss]");
    List<String> expected = new ArrayList<>();
    for (int e = 0; e < 2; e++) {
      expected.add("epoch_begin " + e);
      expected.addAll(epoch);
      expected.add("epoch_end " + e + " [loss, val_loss]");
    }
    assertEquals(expected, calls);
  }
}
