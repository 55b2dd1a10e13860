package keras4j.callbacks;

import static keras4j.Keras.batchSize;
import static keras4j.Keras.callbacks;
import static keras4j.Keras.epochs;
import static keras4j.Keras.shuffle;
import static keras4j.Keras.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import keras4j.models.Sequential;
import org.junit.jupiter.api.Test;

/** LearningRateScheduler in a real fit of {@link TinyRegression}. */
class LearningRateSchedulerTest {

  @Test
  void setsTheRateOfEachEpochAndLogsIt() {
    try (Sequential model = TinyRegression.model(0.1)) {
      LearningRateScheduler halve =
          new LearningRateScheduler((epoch, lr) -> epoch == 0 ? lr : lr / 2);
      History history = model.fit(TinyRegression.X, TinyRegression.Y, epochs(3), batchSize(4),
          shuffle(false), verbose(0), callbacks(halve));
      List<Double> rates = history.history().get("learning_rate");
      assertEquals(3, rates.size());
      assertEquals(0.1, rates.get(0), 1e-7);
      assertEquals(0.05, rates.get(1), 1e-7);
      assertEquals(0.025, rates.get(2), 1e-7);
      assertEquals(0.025, model.optimizer().getLearningRate(), 1e-7);
      // The steps used those rates: w - 2 is scaled by 1 - 15 * lr = -0.5, 0.25, 0.625, so
      // w = 2 - 2 * (-0.5) * 0.25 * 0.625 = 2.15625 (and the epoch losses 7.5 * (w - 2)^2 are
      // 30, 7.5, 0.46875).
      assertEquals(2.15625f, TinyRegression.kernel(model), 1e-5);
      List<Double> losses = history.history().get("loss");
      assertEquals(30, losses.get(0), 1e-4);
      assertEquals(7.5, losses.get(1), 1e-5);
      assertEquals(0.46875, losses.get(2), 1e-6);
    }
  }

  @Test
  void verboseAnnouncesEachRate() {
    try (Sequential model = TinyRegression.model(0.1)) {
      String out = TinyRegression.capture(() -> model.fit(TinyRegression.X,
          TinyRegression.Y, epochs(2), verbose(0),
          callbacks(new LearningRateScheduler((epoch, lr) -> 0.01 * (epoch + 1), 1))));
      assertTrue(out.contains("Epoch 1: LearningRateScheduler setting learning rate to 0.01."),
          out);
      assertTrue(out.contains("Epoch 2: LearningRateScheduler setting learning rate to 0.02."),
          out);
    }
  }

  @Test
  void aNonPositiveRateNamesTheEpoch() {
    try (Sequential model = TinyRegression.model(0.1)) {
      var e = assertThrows(IllegalArgumentException.class, () -> model.fit(TinyRegression.X,
          TinyRegression.Y, epochs(3), verbose(0),
          callbacks(new LearningRateScheduler((epoch, lr) -> epoch < 1 ? lr : 0))));
      assertTrue(e.getMessage().contains("returned 0.0 for epoch 1"), e.getMessage());
    }
  }
}
