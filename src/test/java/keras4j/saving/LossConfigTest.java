package keras4j.saving;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import keras4j.layers.Dense;
import keras4j.logging.LogCapture;
import keras4j.losses.BinaryFocalCrossentropy;
import keras4j.losses.CategoricalCrossentropy;
import keras4j.losses.Huber;
import keras4j.losses.Loss;
import keras4j.losses.Tversky;
import keras4j.models.Model;
import keras4j.models.Models;
import keras4j.models.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Losses with settings survive a save and load in compile_config; uncompiled files load quietly. */
class LossConfigTest {
  @TempDir Path dir;

  @Test
  void lossSettingsRoundTrip() throws Exception {
    for (Loss loss : List.of(new Huber(0.3, "sum"),
        new CategoricalCrossentropy(true, 0.1, "sum_over_batch_size"),
        new BinaryFocalCrossentropy(true, 0.4, 1.5, false, 0.2, "mean_with_sample_weight"),
        new Tversky(0.2, 0.8, "none"))) {
      Path file = dir.resolve(loss.name() + ".keras");
      try (Sequential model = new Sequential(new Dense(3, inputShape(2)))) {
        model.compile(optimizer("sgd"), loss(loss));
        model.save(file);
      }
      try (Model loaded = Models.loadModel(file)) {
        assertEquals(loss.getClass(), loaded.compiledLoss().getClass());
        assertEquals(loss.getConfig(), loaded.compiledLoss().getConfig());
      }
    }
  }

  @Test
  void aLossWithDefaultsIsSavedByName() throws Exception {
    Path file = dir.resolve("named.keras");
    try (Sequential model = new Sequential(new Dense(3, inputShape(2)))) {
      model.compile(optimizer("sgd"), loss(new Huber()));
      model.save(file);
    }
    try (var zip = new java.util.zip.ZipFile(file.toFile())) {
      String json = new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes());
      assertEquals(true, json.contains("\"loss\": \"huber\"") || json.contains("\"loss\":\"huber\""),
          json);
    }
  }

  @Test
  void anUncompiledKerasFileLoadsWithoutAWarning() {
    // Keras 3 writes "compile_config": {} for a model that was never compiled.
    Path file = Fixtures.path("keras3_uncompiled.keras");
    List<String> logged = LogCapture.during("keras4j.models.CompileConfig", () -> {
      try (Model model = Models.loadModel(file)) {
        assertNull(model.compiledLoss());
      }
    });
    assertEquals(List.of(), logged);
  }
}
