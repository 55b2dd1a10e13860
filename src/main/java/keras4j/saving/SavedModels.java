package keras4j.saving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import keras4j.backend.CoreBridge;
import keras4j.backend.SavedModelExport;
import keras4j.models.Model;
import org.tensorflow.ndarray.Shape;

/** {@code model.export(dir)}: the TensorFlow SavedModel of a model's inference graph. */
final class SavedModels {
  private SavedModels() {}

  static void export(Model model, Path dir) {
    Shape inputShape = model.inputShape();
    if (inputShape == null) {
      throw new IllegalStateException("Model '" + model.name() + "' has not been built: give its"
          + " first layer an inputShape(...) or call fit/predict before exporting");
    }
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            throw new IllegalArgumentException("Cannot export to " + dir + ": it is not empty;"
                + " export into a new directory");
          }
        }
      }
      model.getWeights(); // builds every layer
      // The export graph takes over the weights: free the model's own graph first (it is rebuilt,
      // weights and optimizer state included, on the next fit or predict).
      model.close();
      String inputName = model.input() != null ? model.input().operation().name() : "inputs";
      SavedModelExport.export(x -> CoreBridge.tensor(model.predictStep(CoreBridge.kerasTensor(x))),
          inputShape, inputName, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not export to " + dir + ": " + e.getMessage(), e);
    }
  }
}
