package keras4j.callbacks;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import keras4j.models.Sequential;
import keras4j.saving.Json;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The progress bar prints, character for character, what Keras's ProgbarLogger prints for the
 * same callback events at the same clock times (progbar.json, from make_progbar_fixtures.py with
 * Keras 3.15.1): the ETA while an epoch runs, the padded step count, the colours, the spaces that
 * blank what a shorter line leaves, the 0.05 s redraw interval, verbose 1 and 2, evaluate.
 */
class ProgbarTextTest {
  @TestFactory
  @SuppressWarnings("unchecked")
  Stream<DynamicTest> sameTextAsKeras() throws Exception {
    List<Map<String, Object>> scenarios = (List<Map<String, Object>>) Json.parseObject(
        KerasCallbackFixtures.text("progbar.json"), "progbar.json").get("scenarios");
    return scenarios.stream().map(s -> DynamicTest.dynamicTest((String) s.get("name"), () -> {
      double[] now = {0};
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
      ProgbarLogger logger = new ProgbarLogger(((Number) s.get("verbose")).intValue(),
          ((Number) s.get("epochs")).intValue(), ((Number) s.get("steps")).intValue(), out,
          () -> Math.round(now[0] * 1e9), true);
      if (((Number) s.get("epochs")).intValue() > 0) {
        logger.onTrainBegin(Map.of());
      }
      for (Object e : (List<Object>) s.get("events")) {
        List<Object> event = (List<Object>) e;
        now[0] = ((Number) event.get(3)).doubleValue();
        Map<String, Double> logs = KerasCallbackFixtures.logs(event.get(2));
        int index = event.get(1) == null ? -1 : ((Number) event.get(1)).intValue();
        switch ((String) event.get(0)) {
          case "epoch_begin" -> logger.onEpochBegin(index, logs);
          case "train_batch_end" -> logger.onTrainBatchEnd(index, logs);
          case "epoch_end" -> logger.onEpochEnd(index, logs);
          case "test_begin" -> logger.onTestBegin(logs);
          case "test_batch_end" -> logger.onTestBatchEnd(index, logs);
          case "test_end" -> logger.onTestEnd(logs);
          default -> throw new IllegalArgumentException("unknown event " + event);
        }
      }
      assertEquals(s.get("stdout"), bytes.toString(StandardCharsets.UTF_8));
    }));
  }

  /** fit hands the callbacks sorted logs, as Keras; what a callback adds comes after. */
  @Test
  void fitSortsTheLogs() {
    try (Sequential model = TinyRegression.model(0.01)) {
      model.compile(optimizer("sgd"), loss("mse"), metrics("mse", "mae"));
      String printed = TinyRegression.capture(() -> model.fit(TinyRegression.X,
          TinyRegression.Y, epochs(1), verbose(2), validationData(TinyRegression.X,
              TinyRegression.Y), callbacks(new LearningRateScheduler((e, lr) -> lr))));
      assertTrue(printed.matches("(?s)1/1 - \\d+s - \\d+[mu]?s/step - loss: \\S+ - mae: \\S+ - mse:"
          + " \\S+ - val_loss: \\S+ - val_mae: \\S+ - val_mse: \\S+ - learning_rate: 0.0100\n"),
          printed);
    }
  }
}
