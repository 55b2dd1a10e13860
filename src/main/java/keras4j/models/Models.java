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

  /**
   * Keras's {@code keras.models.clone_model}: a new model with the same layers (classes,
   * configs, names, connections) as {@code model}, its weights newly initialised, not compiled;
   * a Sequential or functional model, or a registered subclass.
   *
   * @param model the model to clone, built
   * @return the clone
   * @throws IllegalArgumentException if the model is not built, or is a subclass that is not
   *     registered (its config cannot be read back)
   */
  public static Model cloneModel(Model model) {
    return ModelFiles.cloneModel(model);
  }
}
