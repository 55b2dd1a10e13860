package keras4j.saving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import keras4j.backend.CoreBridge;
import keras4j.backend.SavedModelExport;
import keras4j.core.KerasTensor;
import org.tensorflow.ndarray.Shape;

/** {@code model.export(dir)}: the TensorFlow SavedModel of a model's inference graph. */
final class SavedModels {
  private SavedModels() {}

  static void export(Path dir, Shape inputShape, String inputName,
      Function<KerasTensor, KerasTensor> forward) {
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            throw new IllegalArgumentException("Cannot export to " + dir + ": it is not empty;"
                + " export into a new directory");
          }
        }
      }
      SavedModelExport.export(x -> CoreBridge.tensor(forward.apply(CoreBridge.kerasTensor(x))),
          inputShape, inputName, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not export to " + dir + ": " + e.getMessage(), e);
    }
  }
}
