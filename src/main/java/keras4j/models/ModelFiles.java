package keras4j.models;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.stream.IntStream;
import keras4j.core.Shapes;
import keras4j.saving.ConfigReader;
import keras4j.saving.Json;
import keras4j.saving.SavingLib;
import org.tensorflow.ndarray.Shape;

/**
 * {@code Model.save/load/saveWeights/loadWeights/export}: the model side of saving, which gives
 * {@code keras4j.saving}'s generic code the model's config and the tables of built-in classes.
 */
final class ModelFiles {
  private ModelFiles() {}

  /**
   * Saves {@code model} as a Keras 3 {@code .keras} archive, or, for a name ending in {@code .h5}
   * or {@code .hdf5}, in the legacy HDF5 format, as Keras 3's {@code model.save} chooses.
   */
  static void save(Model model, Path path) {
    checkPath(path);
    built(model, "saving");
    Map<String, Object> entry = BuiltinClasses.MODELS.serialize(model, model.getConfig());
    String file = path.getFileName().toString();
    if (file.endsWith(".h5") || file.endsWith(".hdf5")) {
      Map<String, Object> legacy = new LinkedHashMap<>();
      legacy.put("class_name", entry.get("class_name"));
      legacy.put("config", entry.get("config"));
      SavingLib.saveLegacyModel(path, legacy, CompileConfig.toTrainingConfig(model), model);
      return;
    }
    entry.put("build_config", buildConfig(model));
    Map<String, Object> compile = CompileConfig.toConfig(model);
    if (compile != null) {
      entry.put("compile_config", compile);
    }
    SavingLib.saveModel(path, entry, model);
  }

  /** Keras's {@code build_config}: the input shape, for models whose config does not hold it. */
  private static Map<String, Object> buildConfig(Model model) {
    Map<String, Object> build = new LinkedHashMap<>();
    build.put("input_shape", model.output() != null ? null
        : BuiltinClasses.shapeList(model.inputShape()));
    return build;
  }

  /**
   * Keras's {@code clone_model}: a new model of the same layers (names, configs, connections),
   * built from {@code model}'s config, with newly initialised weights and not compiled.
   */
  static Model cloneModel(Model model) {
    built(model, "cloning");
    Map<String, Object> entry = BuiltinClasses.MODELS.serialize(model, model.getConfig());
    entry.put("build_config", buildConfig(model));
    // Through JSON, so that the clone reads exactly what a saved file would hold.
    return fromConfig(ConfigReader.of(Json.parse(Json.write(entry)), "model"), null, m -> { });
  }

  /** Loads a model from a {@code .keras} archive or a legacy {@code .h5} file. */
  static Model load(Path path) {
    checkExists(path);
    return SavingLib.loadModel(path, ModelFiles::fromConfig);
  }

  /**
   * Keras's {@code deserialize_keras_object} of a model entry: the model, built (so its weights
   * exist to be loaded) and compiled when {@code compile} (may be null) says how.
   */
  private static Model fromConfig(ConfigReader entry, ConfigReader compile,
      Consumer<Model> beforeBuild) {
    Model model = BuiltinClasses.MODELS.deserialize(entry);
    try {
      beforeBuild.accept(model);
      // Keras's build_from_config: a model whose class does not know its input shape (a user's
      // Sequential subclass, a first layer that takes none) is built from the recorded one.
      ConfigReader build = entry.optionalObject("build_config");
      if (model.inputShape() == null && build != null && build.raw("input_shape") != null) {
        model.ensureBuilt(Shapes.batchOf(build.sampleShape("input_shape")));
      }
      model.getWeights(); // traces the model, so every layer is built
      // Keras writes "compile_config": {} for a model that was never compiled.
      if (compile != null && !compile.asMap().isEmpty()) {
        CompileConfig.compile(model, compile);
      }
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return model;
  }

  /** Saves the weights and optimizer state as a Keras 3 {@code .weights.h5}. */
  static void saveWeights(Model model, Path path) {
    checkPath(path);
    model.getWeights(); // traces the model, so every layer is built
    SavingLib.saveWeights(model, path);
  }

  /** Loads weights (and, for a compiled model, optimizer state) from a weights or model file. */
  static void loadWeights(Model model, Path path) {
    checkExists(path);
    model.getWeights();
    if (model.optimizer() != null && !model.optimizer().built()) {
      model.optimizer().build(model.trainableVariables());
    }
    SavingLib.loadWeights(model, path);
  }

  /** Exports the inference graph as a TensorFlow SavedModel. */
  static void export(Model model, Path dir) {
    checkPath(dir);
    built(model, "exporting");
    // The export graph takes over the weights: free the model's own graph first (it is rebuilt,
    // weights and optimizer state included, on the next fit or predict).
    model.close();
    List<String> inputs = model.graph() != null ? model.inputNames() : List.of("inputs");
    // As Keras's export: outputs named by their dict keys, else output_0, output_1, ... (so
    // two outputs of one layer, which share its name, stay apart).
    List<String> outputs = model.graph() != null
        && model.graph().outputStructure() == Functional.Structure.MAP
        ? model.outputNames()
        : IntStream.range(0, model.dataOutputNames().size()).mapToObj(i -> "output_" + i).toList();
    SavingLib.export(dir, model.inputShapes(), inputs, outputs,
        x -> model.multiIo() ? model.predictStep(x) : List.of(model.predictStep(x.get(0))));
  }

  private static Shape built(Model model, String doing) {
    Shape inputShape = model.inputShape();
    if (inputShape == null) {
      throw new IllegalStateException("Model '" + model.name() + "' has not been built: give its"
          + " first layer an inputShape(...) or call fit/predict before " + doing);
    }
    model.getWeights(); // traces the model, so every layer is built
    return inputShape;
  }

  private static void checkPath(Path path) {
    if (path == null) {
      throw new IllegalArgumentException("The path is null: pass where the file goes, e.g."
          + " Path.of(\"model.keras\")");
    }
  }

  private static void checkExists(Path path) {
    checkPath(path);
    if (!java.nio.file.Files.isRegularFile(path)) {
      throw new IllegalArgumentException(java.nio.file.Files.exists(path)
          ? path + " is not a file (a SavedModel directory is read by SavedModelPredictor)"
          : "There is no file at " + path.toAbsolutePath());
    }
  }
}
