package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import keras4j.callbacks.History;
import keras4j.layers.Dense;
import keras4j.losses.Loss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16's findings 1 and 7: bad calls get clear exceptions, not aborts or silent no-ops. */
class ApiMisuseTest {
  private static void assertRefused(String expected, Runnable call) {
    var error = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(error.getMessage().contains(expected), error.getMessage());
  }

  @Test
  void zeroSizedSamplesAreRefusedBeforeTensorFlowSeesThem() {
    assertRefused("must be positive", () -> inputShape(0));
    try (var model = new Sequential(new Dense(3))) {
      assertRefused("zero dimension", () -> model.predict(new float[2][0]));
    }
  }

  @Test
  void aBatchLargerThanTheDataIsOneBatch() {
    float[][] x = {{1}, {2}, {3}};
    float[][] y = {{2}, {4}, {6}};
    try (var model = new Sequential(new Dense(1, inputShape(1)))) {
      model.compile(optimizer("sgd"), loss("mse"));
      History history = model.fit(x, y, epochs(2), batchSize(Integer.MAX_VALUE), verbose(0));
      assertEquals(2, history.history().get("loss").size());
      assertEquals(2, model.optimizer().iterations());
    }
  }

  @Test
  void aValidationSplitThatLeavesNoTrainingDataSaysSo() {
    float[][] x = new float[32][1];
    float[][] y = new float[32][1];
    try (var model = new Sequential(new Dense(1, inputShape(1)))) {
      model.compile(optimizer("sgd"), loss("mse"));
      assertRefused("not sufficient to split",
          () -> model.fit(x, y, validationSplit(0.99), verbose(0)));
    }
  }

  @Test
  void nullsAreNamed(@TempDir Path dir) {
    assertRefused("'loss' is null", () -> loss((Loss) null));
    assertRefused("'optimizer' is null", () -> optimizer((String) null));
    try (var model = new Sequential(new Dense(1, inputShape(1)))) {
      assertRefused("setWeights got null", () -> model.setWeights(null));
      assertRefused("path is null", () -> model.save(null));
      assertRefused("There is no file at", () -> Model.load(dir.resolve("missing.keras")));
      assertRefused("There is no file at", () -> model.loadWeights(dir.resolve("missing.h5")));
    }
  }
}
