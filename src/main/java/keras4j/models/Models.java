package keras4j.models;

import java.nio.file.Path;

/** Keras's {@code keras.models} functions. */
public final class Models {
  private Models() {}

  /**
   * Keras's {@code keras.models.load_model}: a model from a {@code .keras} archive or a legacy
   * Keras 2 {@code .h5} file, as {@link Model#load}.
   *
   * @param path the {@code .keras} or {@code .h5} file to read
   * @return the model, with its weights (and optimizer state, when saved compiled)
   */
  public static Model loadModel(Path path) {
    return Model.load(path);
  }
}
