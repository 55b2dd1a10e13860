package keras4j.callbacks;

import static keras4j.Keras.batchSize;
import static keras4j.Keras.callbacks;
import static keras4j.Keras.epochs;
import static keras4j.Keras.inputShape;
import static keras4j.Keras.loss;
import static keras4j.Keras.metrics;
import static keras4j.Keras.optimizer;
import static keras4j.Keras.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import keras4j.layers.Dense;
import keras4j.models.Sequential;
import org.junit.jupiter.api.Test;

/** The one monitoring base: Keras 3's {@code monitor_callback_test.py} cases, and more. */
class MonitorCallbackTest {
  /** The smallest monitoring callback; Keras's test uses {@code MonitorCallback} itself. */
  private static final class Watcher extends MonitorCallback<Watcher> {
    Watcher(String monitor) {
      super(monitor);
    }
  }

  private static Watcher watching(Sequential model, String monitor, String mode) {
    Watcher watcher = new Watcher(monitor).mode(mode);
    watcher.setModel(model);
    return watcher;
  }

  @Test
  void autoModeFollowsTheLossAndTheCompiledMetricsDirections() {
    try (Sequential model = new Sequential(new Dense(1, inputShape(5)))) {
      model.compile(optimizer("adam"), loss("mae"),
          metrics("mse", "acc", "accuracy", "auc", "mae", "precision", "recall"));
      // "mode monitor better", as Keras 3's _set_monitor_op decides: its own test cases, and more.
      String cases = "max val_mse max, min val_loss min, min accuracy min, auto loss min,"
          + " auto val_loss min, auto val_mse min, auto mae min, auto val_mae min, auto acc max,"
          + " auto accuracy max, auto val_accuracy max, auto auc max, auto val_precision max,"
          + " auto recall max";
      for (String c : cases.split(", ")) {
        String[] words = c.split(" ");
        assertEquals(words[2].equals("max"), watching(model, words[1], words[0]).maximises(), c);
      }
    }
  }

  @Test
  void autoModeRejectsANameThatIsNeitherTheLossNorACompiledMetric() {
    try (Sequential model = new Sequential(new Dense(1, inputShape(5)))) {
      model.compile(optimizer("adam"), loss("mae"), metrics("accuracy"));
      // Keras no longer guesses from the name: "val_auc" without an "auc" metric is unknown too.
      for (String monitor : List.of("unknown", "val_auc", "val_acc", "loss_2")) {
        Watcher watcher = watching(model, monitor, "auto");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> watcher.onTrainBegin(Map.of()), monitor);
        assertTrue(e.getMessage().startsWith("Watcher callback received monitor=" + monitor
            + ", but keras4j isn't able to automatically determine"), e.getMessage());
        assertTrue(e.getMessage().contains("Pass mode(\"max\")"), e.getMessage());
        assertTrue(e.getMessage().contains("or pass mode(\"min\")"), e.getMessage());
      }
      // An explicit mode needs no resolution.
      assertTrue(watching(model, "unknown", "max").maximises());
    }
  }

  @Test
  void withoutAModelOnlyTheLossResolves() {
    assertFalse(new Watcher("val_loss").maximises());
    assertThrows(IllegalArgumentException.class, () -> new Watcher("accuracy").maximises());
  }

  @Test
  void minDeltaIsTheMarginAnImprovementNeeds() {
    // Keras's test_min_delta, mode "max", min delta 0.5.
    Watcher max = new Watcher("val_loss").mode("max").minDelta(0.5);
    assertTrue(max.isImprovement(0.75, 0.0));
    assertTrue(max.isImprovement(0.5, null));
    assertFalse(max.isImprovement(0.5, 0.0));
    assertFalse(max.isImprovement(0.2, 0.5));
    // In "min" mode the margin is below the reference; its sign is ignored, NaN never improves.
    Watcher min = new Watcher("val_loss").minDelta(-0.5);
    assertEquals(0.5, min.minDelta());
    assertTrue(min.isImprovement(0.2, 0.75));
    assertFalse(min.isImprovement(0.3, 0.75));
    assertFalse(min.isImprovement(Double.NaN, 0.75));
  }

  @Test
  void anUnresolvableMonitorFailsBeforeTheFirstEpoch() {
    try (Sequential model = TinyRegression.model(0.1)) {
      var e = assertThrows(IllegalArgumentException.class, () -> model.fit(TinyRegression.X,
          TinyRegression.Y, epochs(3), batchSize(4), verbose(0),
          callbacks(new EarlyStopping("val_acuracy"))));
      assertTrue(e.getMessage().startsWith("EarlyStopping callback received monitor=val_acuracy"),
          e.getMessage());
      assertEquals(0f, TinyRegression.kernel(model), "no training step ran");
    }
  }

  @Test
  void badSettingsAreRejectedWithTheCallbacksName() {
    var mode = assertThrows(IllegalArgumentException.class,
        () -> new ModelCheckpoint("m.keras").mode("best"));
    assertEquals("ModelCheckpoint mode must be \"auto\", \"min\" or \"max\", got \"best\"",
        mode.getMessage());
    var monitor = assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(""));
    assertTrue(monitor.getMessage().startsWith("EarlyStopping needs a quantity to monitor"),
        monitor.getMessage());
  }
}
