package keras4j.callbacks;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import keras4j.models.Sequential;
import keras4j.utils.PythonFloats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSVLogger writes the bytes Keras's CSVLogger writes for the same epoch logs (the files of
 * make_callback_fixtures.py, Keras 3.15.1): columns, their order, the separator, {@code NA} for
 * the missing {@code val_} twins, append mode, Python's number format and {@code \r\n}.
 */
class CSVLoggerTest {
  @TempDir Path dir;

  private static void drive(Callback callback, List<Map<String, Double>> epochs, int first) {
    callback.onTrainBegin(Map.of());
    for (int i = 0; i < epochs.size(); i++) {
      callback.onEpochEnd(first + i, new java.util.LinkedHashMap<>(epochs.get(i)));
    }
    callback.onTrainEnd(Map.of());
  }

  private static Map<String, Double> f32(Object... keyValues) {
    Map<String, Double> logs = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      logs.put((String) keyValues[i], (double) ((Number) keyValues[i + 1]).floatValue());
    }
    return logs;
  }

  private String written(Path file) throws Exception {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }

  @Test
  void sameFileAsKerasWithValidationLogs() throws Exception {
    Path file = dir.resolve("log.csv");
    drive(new CSVLogger(file), List.of(
        f32("loss", 0.6066460609436035, "accuracy", 0.5, "val_loss", 0.71, "val_accuracy",
            1 / 3.0),
        f32("loss", 1.2e-5, "accuracy", 0.75, "val_loss", 0.0001, "val_accuracy", 2 / 3.0),
        f32("loss", 12345.678, "accuracy", 1.0, "val_loss", 3e17, "val_accuracy", 0.0)), 0);
    assertEquals(KerasCallbackFixtures.text("keras_with_val.csv"), written(file));
  }

  @Test
  void sameFileAsKerasWithoutValidationAndAnotherSeparator() throws Exception {
    Path file = dir.resolve("log.csv");
    Files.writeString(file, "an older log, replaced\n");
    drive(new CSVLogger(file, ";", false),
        List.of(f32("loss", 0.25, "mae", 0.4), f32("loss", 0.125, "mae", 0.3)), 0);
    assertEquals(KerasCallbackFixtures.text("keras_no_val.csv"), written(file));
  }

  @Test
  void appendAddsRowsWithoutASecondHeader() throws Exception {
    Path file = dir.resolve("log.csv");
    List<Map<String, Double>> epochs =
        List.of(f32("loss", 0.25, "mae", 0.4), f32("loss", 0.125, "mae", 0.3));
    drive(new CSVLogger(file, ",", true), epochs, 0);
    drive(new CSVLogger(file, ",", true), epochs.subList(0, 1), 2);
    assertEquals(KerasCallbackFixtures.text("keras_append.csv"), written(file));
  }

  /** In fit: a row per epoch, the values History has, Python's number format. */
  @Test
  void fitWritesHistory() throws Exception {
    Path file = dir.resolve("fit.csv");
    try (Sequential model = TinyRegression.model(0.01)) {
      var history = model.fit(TinyRegression.X, TinyRegression.Y, epochs(2), batchSize(4),
          shuffle(false), verbose(0), validationData(TinyRegression.X, TinyRegression.Y),
          callbacks(new CSVLogger(file)));
      List<Double> losses = history.history().get("loss");
      List<Double> valLosses = history.history().get("val_loss");
      assertEquals("epoch,loss,val_loss\r\n"
          + "0," + PythonFloats.repr(losses.get(0)) + "," + PythonFloats.repr(valLosses.get(0))
          + "\r\n1," + PythonFloats.repr(losses.get(1)) + "," + PythonFloats.repr(valLosses.get(1))
          + "\r\n", written(file));
      // w: 0 -> 0.3 after one step of lr 0.01 (see TinyRegression): loss 7.5 * 1.7^2 = 21.675.
      assertEquals(21.675, valLosses.get(0), 1e-4);
    }
  }

  @Test
  void pythonNumberFormat() {
    assertEquals("0.0001", PythonFloats.repr(0.0001));
    assertEquals("1e-05", PythonFloats.repr(1e-5));
    assertEquals("1.5e-07", PythonFloats.repr(1.5e-7));
    assertEquals("3.0", PythonFloats.repr(3));
    assertEquals("100.0", PythonFloats.repr(100));
    assertEquals("1234.5", PythonFloats.repr(1234.5));
    assertEquals("1e+16", PythonFloats.repr(1e16));
    assertEquals("999999999999999.9", PythonFloats.repr(999999999999999.9));
    assertEquals("-0.5", PythonFloats.repr(-0.5));
    assertEquals("nan", PythonFloats.repr(Double.NaN));
    assertEquals("-inf", PythonFloats.repr(Double.NEGATIVE_INFINITY));
    // Where Java 17's Double.toString is not the shortest: 2.0E-3 prints as 0.002 in both, but
    // 1.0E23 prints as 1.0E23 in Java and 1e+23 in Python.
    assertEquals("1e+23", PythonFloats.repr(1e23));
    assertEquals("0.1", PythonFloats.repr(0.1));
    assertThrows(IllegalArgumentException.class, () -> new CSVLogger(dir, "", false));
  }
}
