package keras4j.callbacks;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import keras4j.models.Sequential;
import keras4j.saving.ConfigReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * ReduceLROnPlateau against Keras's own, driven with the same epoch logs (reduce_lr.json, from
 * make_callback_fixtures.py, Keras 3.15.1): the rate logged every epoch, the lines printed, and
 * the CSV file a CSVLogger after it writes (with its {@code learning_rate} column).
 */
class ReduceLROnPlateauTest {
  @TempDir Path dir;

  @TestFactory
  Stream<DynamicTest> sameRatesAndMessagesAsKeras() throws Exception {
    return KerasCallbackFixtures.plateauScenarios().stream().map(s -> DynamicTest.dynamicTest(
        (String) s.get("name"), () -> check(s)));
  }

  @SuppressWarnings("unchecked")
  private void check(Map<String, Object> scenario) throws Exception {
    ConfigReader args = ConfigReader.of(scenario.get("args"), "args");
    ReduceLROnPlateau callback = new ReduceLROnPlateau(args.string("monitor", "val_loss"))
        .mode(args.string("mode", "auto")).verbose(1);
    if (args.has("factor")) {
      callback.factor(args.doubleValue("factor", 0));
    }
    if (args.has("patience")) {
      callback.patience(args.intValue("patience"));
    }
    if (args.has("cooldown")) {
      callback.cooldown(args.intValue("cooldown"));
    }
    if (args.has("min_lr")) {
      callback.minLr(args.doubleValue("min_lr", 0));
    }
    if (args.has("min_delta")) {
      callback.minDelta(args.doubleValue("min_delta", 0));
    }
    String name = (String) scenario.get("name");
    Path csv = dir.resolve(name + ".csv");
    CSVLogger logger = new CSVLogger(csv);
    List<Object> logs = (List<Object>) scenario.get("logs");
    List<Double> rates = new java.util.ArrayList<>();
    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (Sequential model = TinyRegression.model(
        ((Number) scenario.get("initial_lr")).doubleValue())) {
      callback.setModel(model);
      logger.setModel(model);
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      callback.onTrainBegin(Map.of());
      logger.onTrainBegin(Map.of());
      for (int epoch = 0; epoch < logs.size(); epoch++) {
        Map<String, Double> epochLogs = new LinkedHashMap<>(KerasCallbackFixtures.logs(logs.get(epoch)));
        callback.onEpochEnd(epoch, epochLogs);
        logger.onEpochEnd(epoch, epochLogs);
        rates.add(epochLogs.get("learning_rate"));
      }
    } finally {
      System.setOut(stdout);
    }
    assertEquals(scenario.get("learning_rates"), rates);
    assertEquals(scenario.get("stdout"), printed.toString(StandardCharsets.UTF_8));
    assertEquals(KerasCallbackFixtures.text(name + ".csv"),
        new String(Files.readAllBytes(csv), StandardCharsets.UTF_8));
  }

  /** In fit, the variable learning rate the steps read is the reduced one. */
  @Test
  void reducesTheRateTrainingUses() {
    try (Sequential model = TinyRegression.model(0.01)) {
      ReduceLROnPlateau plateau = new ReduceLROnPlateau("loss").minDelta(1e9).patience(1)
          .factor(0.5);
      var history = model.fit(TinyRegression.X, TinyRegression.Y, epochs(3), batchSize(4),
          shuffle(false), verbose(0), callbacks(plateau));
      // Epoch 0 sets the best; epoch 1 does not beat it by 1e9 and, patience 1, halves the rate
      // after logging the one it trained with.
      assertEquals(List.of(0.01, 0.01, 0.005),
          history.history().get("learning_rate").stream()
              .map(r -> Math.round(r * 1e6) / 1e6).toList());
      // w - 2 shrinks by (1 - 15 lr) per step: 0.85, 0.85, then 0.925 at the halved rate.
      float w = model.getWeights().get(0).getFloat(0, 0);
      assertEquals(2 - 2 * 0.85 * 0.85 * 0.925, w, 1e-5);
    }
  }

  @Test
  void badArguments() {
    assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau().factor(1.0));
    assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau().patience(-1));
    assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau().minLr(-1));
  }
}
