package keras4j.callbacks;

import static keras4j.Keras.batchSize;
import static keras4j.Keras.callbacks;
import static keras4j.Keras.epochs;
import static keras4j.Keras.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import keras4j.models.Sequential;
import org.junit.jupiter.api.Test;

/** LambdaCallback's hooks in a fit of 3 epochs of 2 batches. */
class LambdaCallbackTest {

  private static void fit(Callback... callbacks) {
    try (Sequential model = TinyRegression.model(0.01)) {
      model.fit(TinyRegression.X, TinyRegression.Y, epochs(3), batchSize(2), verbose(0),
          callbacks(callbacks));
    }
  }

  /** The events of 3 epochs of 2 batches, each hook once in place; end hooks see the loss. */
  private static List<String> expectedEvents() {
    List<String> expected = new ArrayList<>(List.of("train_begin"));
    for (int epoch = 0; epoch < 3; epoch++) {
      expected.add("epoch_begin " + epoch);
      for (int batch = 0; batch < 2; batch++) {
        expected.add("batch_begin " + batch);
        expected.add("batch_end " + batch + " [loss]");
      }
      expected.add("epoch_end " + epoch + " [loss]");
    }
    expected.add("train_end");
    return expected;
  }

  @Test
  void chainedHooksRunOncePerEvent() {
    List<String> events = new ArrayList<>();
    fit(LambdaCallback.onTrainBegin(logs -> events.add("train_begin"))
        .andOnEpochBegin((epoch, logs) -> events.add("epoch_begin " + epoch))
        .andOnBatchBegin((batch, logs) -> events.add("batch_begin " + batch))
        .andOnBatchEnd((batch, logs) -> events.add("batch_end " + batch + " " + logs.keySet()))
        .andOnEpochEnd((epoch, logs) -> events.add("epoch_end " + epoch + " " + logs.keySet()))
        .andOnTrainEnd(logs -> events.add("train_end")));
    assertEquals(expectedEvents(), events);
  }

  @Test
  void eachFactoryHooksItsOwnEvent() {
    List<String> events = new ArrayList<>();
    fit(LambdaCallback.onTrainBegin(logs -> events.add("train_begin")),
        LambdaCallback.onEpochBegin((epoch, logs) -> events.add("epoch_begin " + epoch)),
        LambdaCallback.onBatchBegin((batch, logs) -> events.add("batch_begin " + batch)),
        LambdaCallback.onBatchEnd(
            (batch, logs) -> events.add("batch_end " + batch + " " + logs.keySet())),
        LambdaCallback.onEpochEnd(
            (epoch, logs) -> events.add("epoch_end " + epoch + " " + logs.keySet())),
        LambdaCallback.onTrainEnd(logs -> events.add("train_end")));
    assertEquals(expectedEvents(), events);
  }
}
