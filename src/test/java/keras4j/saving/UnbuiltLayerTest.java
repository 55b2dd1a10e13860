package keras4j.saving;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import keras4j.layers.Dense;
import keras4j.models.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weights for a layer that was never built are an error, not silently dropped (as Keras). */
class UnbuiltLayerTest {
  @Test
  void loadingWeightsIntoAModelWithoutAnInputShapeSaysWhy(@TempDir Path dir) {
    Path file = dir.resolve("m.weights.h5");
    try (var saved = new Sequential(new Dense(2, inputShape(3)))) {
      saved.saveWeights(file);
    }
    try (var unbuilt = new Sequential(new Dense(2))) {
      var error = assertThrows(IllegalArgumentException.class, () -> unbuilt.loadWeights(file));
      assertTrue(error.getMessage().contains("was never built"), error.getMessage());
    }
  }
}
