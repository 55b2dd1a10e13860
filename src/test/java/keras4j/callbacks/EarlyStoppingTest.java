package keras4j.callbacks;

import static keras4j.Keras.batchSize;
import static keras4j.Keras.callbacks;
import static keras4j.Keras.epochs;
import static keras4j.Keras.loss;
import static keras4j.Keras.metrics;
import static keras4j.Keras.optimizer;
import static keras4j.Keras.shuffle;
import static keras4j.Keras.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.logging.LogCapture;
import keras4j.models.Sequential;
import org.junit.jupiter.api.Test;

/** EarlyStopping driven with hand-made epoch logs, then in a real fit. */
class EarlyStoppingTest {

  /**
   * Feeds {@code values} of {@code key} as epochs 0, 1, ... and returns the epoch after which
   * training was asked to stop, or -1.
   */
  private static int stopEpoch(EarlyStopping early, Sequential model, String key,
      double... values) {
    model.setStopTraining(false);
    early.setModel(model);
    early.onTrainBegin(Map.of());
    for (int epoch = 0; epoch < values.length; epoch++) {
      Map<String, Double> logs = new LinkedHashMap<>();
      logs.put(key, values[epoch]);
      early.onEpochEnd(epoch, logs);
      if (model.stopTraining()) {
        return epoch;
      }
    }
    return -1;
  }

  @Test
  void stopsWhenPatienceRunsOutAndCanBeReused() {
    try (Sequential model = TinyRegression.model(0.1)) {
      EarlyStopping early = new EarlyStopping("val_loss", 2);
      // Best 0.8 at epoch 1; epochs 2 and 3 do not improve: patience 2 is used up at epoch 3.
      for (int run = 0; run < 2; run++) {
        assertEquals(3, stopEpoch(early, model, "val_loss", 1.0, 0.8, 0.85, 0.9, 0.7));
        assertEquals(3, early.stoppedEpoch());
        assertEquals(1, early.bestEpoch());
        assertEquals(0.8, early.best());
      }
    }
  }

  @Test
  void defaultPatienceStopsAtTheFirstEpochWithoutImprovement() {
    try (Sequential model = TinyRegression.model(0.1)) {
      assertEquals(1, stopEpoch(new EarlyStopping(), model, "val_loss", 1.0, 1.0, 0.5));
      assertEquals(-1, stopEpoch(new EarlyStopping(), model, "val_loss", 1.0, 0.9, 0.8));
    }
  }

  @Test
  void minDeltaIsTheSmallestImprovement() {
    try (Sequential model = TinyRegression.model(0.1)) {
      double[] losses = {1.0, 0.95, 0.9, 0.85};
      assertEquals(-1, stopEpoch(new EarlyStopping("loss"), model, "loss", losses));
      // The sign of min delta does not matter, as in Keras.
      assertEquals(1, stopEpoch(new EarlyStopping("loss").minDelta(-0.1), model, "loss", losses));
    }
  }

  @Test
  void theModeDecidesWhichWayIsBetter() {
    try (Sequential model = TinyRegression.model(0.1)) {
      model.compile(optimizer("sgd"), loss("mse"), metrics("accuracy", "mse"));
      double[] values = {0.5, 0.6, 0.55};
      assertEquals(2, stopEpoch(new EarlyStopping("val_accuracy"), model, "val_accuracy", values));
      assertEquals(1, stopEpoch(new EarlyStopping("val_loss"), model, "val_loss", values));
      assertEquals(1, stopEpoch(
          new EarlyStopping("val_accuracy").mode("min"), model, "val_accuracy", values));
      assertEquals(2, stopEpoch(new EarlyStopping("mse").mode("max"), model, "mse", values));
    }
  }

  @Test
  void baselineMustBeBeatenToResetPatience() {
    try (Sequential model = TinyRegression.model(0.1)) {
      double[] losses = {0.9, 0.95, 0.97};
      assertEquals(2, stopEpoch(new EarlyStopping("loss", 2), model, "loss", losses));
      // Epoch 0 is the best so far but not below 0.5, so its epoch counts against patience.
      assertEquals(
          1, stopEpoch(new EarlyStopping("loss", 2).baseline(0.5), model, "loss", losses));
    }
  }

  @Test
  void startFromEpochIgnoresTheWarmUp() {
    try (Sequential model = TinyRegression.model(0.1)) {
      double[] losses = {1.0, 2.0, 3.0, 4.0};
      assertEquals(1, stopEpoch(new EarlyStopping("loss"), model, "loss", losses));
      EarlyStopping late = new EarlyStopping("loss").startFromEpoch(2);
      assertEquals(3, stopEpoch(late, model, "loss", losses));
      assertEquals(2, late.bestEpoch());
    }
  }

  @Test
  void missingMonitorWarnsWithTheAvailableKeysAndNeverStops() {
    try (Sequential model = TinyRegression.model(0.1)) {
      List<String> logged = LogCapture.during(EarlyStopping.class.getName(), () ->
          assertEquals(-1, stopEpoch(new EarlyStopping(), model, "loss", 1.0, 2.0, 3.0)));
      String log = logged.get(0);
      assertTrue(log.startsWith("WARNING: "), log);
      assertTrue(log.contains("`val_loss` which is not available"), log);
      assertTrue(log.contains("Available metrics are: loss"), log);
    }
  }

  @Test
  void badSettingsAreRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> new EarlyStopping().mode("best"));
    assertTrue(e.getMessage().contains("\"auto\", \"min\" or \"max\""), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("loss", -1));
  }

  @Test
  void restoreBestWeightsPutsBackTheBestEpochsWeights() {
    try (Sequential model = TinyRegression.model(0.1)) {
      for (boolean restore : new boolean[] {true, false}) {
        EarlyStopping early = new EarlyStopping("loss", 1).restoreBestWeights(restore);
        early.setModel(model);
        early.onTrainBegin(Map.of());
        double[] losses = {1.0, 0.5, 0.7};
        for (int epoch = 0; epoch < losses.length; epoch++) {
          TinyRegression.setKernel(model, epoch + 1);
          early.onEpochEnd(epoch, new LinkedHashMap<>(Map.of("loss", losses[epoch])));
        }
        early.onTrainEnd(Map.of());
        // Epoch 1 (weight 2) had the best loss; otherwise the last weight (3) stays.
        assertEquals(restore ? 2f : 3f, TinyRegression.kernel(model));
      }
    }
  }

  @Test
  void stopsARealFitAndRestoresTheFirstEpochsWeights() {
    // SGD at lr 0.2 diverges: w - 2 doubles and flips sign each step (0, 6, -6, 18, ...), so the
    // loss 7.5 * (w - 2)^2 of each epoch's step grows 30, 120, 480: no improvement after epoch 0,
    // and patience 2 stops the 20-epoch fit after epoch 2.
    try (Sequential model = TinyRegression.model(0.2)) {
      EarlyStopping early = new EarlyStopping("loss", 2).restoreBestWeights(true);
      History history = model.fit(TinyRegression.X, TinyRegression.Y, epochs(20), batchSize(4),
          shuffle(false), verbose(0), callbacks(early));
      assertEquals(List.of(0, 1, 2), history.epochs());
      List<Double> losses = history.history().get("loss");
      assertEquals(30, losses.get(0), 1e-4);
      assertEquals(120, losses.get(1), 1e-3);
      assertEquals(480, losses.get(2), 1e-2);
      assertEquals(2, early.stoppedEpoch());
      assertEquals(0, early.bestEpoch());
      // The weights at the end of epoch 0: w = 2 + (-2) * (0 - 2) = 6, not the last one, 18.
      assertEquals(6f, TinyRegression.kernel(model), 1e-5);
    }
  }
}
