package keras4j.saving;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import keras4j.core.Variable;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * The legacy Keras 2 / tf.keras HDF5 format ({@code model.save("m.h5")}), as Keras's {@code
 * legacy_h5_format.py} reads it: the root attribute {@code model_config} (JSON), optionally {@code
 * training_config}, and the group {@code model_weights} whose attribute {@code layer_names} lists
 * the layer groups; each has a {@code weight_names} attribute naming its datasets ({@code
 * dense/kernel:0}, or without {@code :0} when Keras 3 wrote it). The file's layers are matched to
 * the model's layers that have weights, by order, as Keras does, and each reads its datasets in
 * {@code weight_names} order through its {@code loadOwnVariables}; a Keras 3 file's {@code
 * optimizer_weights} restore the compiled model's optimizer.
 */
final class LegacyH5 {
  private LegacyH5() {}

  /** Whether {@code root} is a legacy full-model file. */
  static boolean isFullModel(Group root) {
    return root.getAttribute("model_config") != null;
  }

  /** Whether {@code root} holds legacy-layout weights (a full model or Keras 2 save_weights). */
  static boolean isLegacyWeights(Group root) {
    return root.getAttribute("layer_names") != null
        || H5Reader.childGroup(root, "model_weights") != null;
  }

  /**
   * The model of a legacy full-model file, built by {@code fromConfig} from its {@code
   * model_config} and {@code training_config} (null when absent), with its weights.
   */
  static <T extends KerasSaveable> T load(Group root, String what,
      BiFunction<ConfigReader, ConfigReader, T> fromConfig) {
    String json = H5Reader.string(root, "model_config");
    if (json == null) {
      throw new IllegalArgumentException(what + ": its model_config attribute is not a JSON"
          + " string; the file is corrupt or not a Keras model");
    }
    ConfigReader model = ConfigReader.of(Json.parseObject(json, what + " model_config"), "");
    String training = H5Reader.string(root, "training_config");
    T loaded = fromConfig.apply(model, training == null ? null
        : ConfigReader.of(Json.parseObject(training, what + " training_config"), "training_config"));
    SavingLib.closingOnFailure(loaded, () -> {
      readWeights(loaded, root, what);
      readOptimizer(loaded, root, what);
    });
    return loaded;
  }

  /**
   * Keras 3's {@code optimizer_weights} into the compiled model's optimizer (built when it was
   * compiled), in {@code weight_names} order, as Keras's loader assigns them; a state that does
   * not fit is skipped with the optimizer's warning. Keras 2 stored its slots by kind (all
   * first moments, then all second ones) under other variables, so its state is not read and
   * the optimizer starts afresh.
   */
  private static void readOptimizer(KerasSaveable model, Group root, String what) {
    KerasSaveable optimizer = optimizer(model);
    Group group = H5Reader.childGroup(root, "optimizer_weights");
    String version = H5Reader.string(root, "keras_version");
    if (optimizer == null || group == null || version == null || !version.startsWith("3.")) {
      return;
    }
    List<Dataset> datasets = new ArrayList<>();
    for (String name : H5Reader.strings(group, "weight_names")) {
      if (!(child(group, name) instanceof Dataset dataset)) {
        throw new IllegalArgumentException(what + " names optimizer weight '" + name
            + "' but holds no such dataset");
      }
      datasets.add(dataset);
    }
    Map<Variable, FloatNdArray> pending = new LinkedHashMap<>();
    try {
      optimizer.loadOwnVariables(new H5WeightReader(datasets, group.getPath(), pending));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    }
    pending.forEach(Variable::assign);
  }

  /** Loads legacy-layout weights into {@code model}, all checked before any is assigned. */
  static void readWeights(KerasSaveable model, Group root, String what) {
    Group weights = H5Reader.childGroup(root, "model_weights");
    if (weights == null) {
      weights = root;
    }
    List<Group> fileLayers = new ArrayList<>();
    List<List<Dataset>> fileWeights = new ArrayList<>();
    for (String name : H5Reader.strings(weights, "layer_names")) {
      Group g = H5Reader.childGroup(weights, name);
      if (g == null) {
        throw new IllegalArgumentException(what + " lists layer '" + name + "' in layer_names"
            + " but has no group for it");
      }
      List<Dataset> datasets = new ArrayList<>();
      for (String weightName : H5Reader.strings(g, "weight_names")) {
        if (!(child(g, weightName) instanceof Dataset dataset)) {
          throw new IllegalArgumentException(what + " names weight '" + weightName
              + "' of layer '" + name + "' but holds no such dataset");
        }
        datasets.add(dataset);
      }
      if (!datasets.isEmpty()) {
        fileLayers.add(g);
        fileWeights.add(datasets);
      }
    }
    List<KerasSaveable> layers = layersWithWeights(model);
    if (layers.size() != fileLayers.size()) {
      throw new IllegalArgumentException("Model '" + model.name() + "' has " + layers.size()
          + " layers with weights but " + what + " has " + fileLayers.size() + ": "
          + fileLayers.stream().map(Node::getName).toList());
    }
    Map<Variable, FloatNdArray> pending = new LinkedHashMap<>();
    try {
      for (int i = 0; i < layers.size(); i++) {
        KerasSaveable layer = layers.get(i);
        List<Dataset> datasets = fileWeights.get(i);
        if (isComposite(layer)) {
          readNested(layer, datasets, fileLayers.get(i).getPath(), pending);
        } else {
          layer.loadOwnVariables(new H5WeightReader(datasets, fileLayers.get(i).getPath(), pending));
        }
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    }
    pending.forEach(Variable::assign);
  }

  /**
   * A nested model's (or composite layer's) group holds all its layers' weights in {@link KerasSaveable#legacyWeights}
   * order, as Keras's {@code _legacy_weights} reads them.
   */
  private static void readNested(KerasSaveable layer, List<Dataset> datasets, String path,
      Map<Variable, FloatNdArray> pending) {
    List<Variable> variables = layer.legacyWeights();
    if (variables.size() != datasets.size()) {
      throw new IllegalArgumentException("layer '" + layer.name() + "' has "
          + variables.size() + " weights but the file has " + datasets.size() + " at " + path);
    }
    for (int i = 0; i < variables.size(); i++) {
      pending.put(variables.get(i), H5Reader.valueFor(datasets.get(i), variables.get(i),
          "Layer '" + layer.name() + "'"));
    }
  }

  /** The model's layers (its {@code layers} container), in order. */
  private static List<KerasSaveable> layers(KerasSaveable model) {
    List<KerasSaveable> out = new ArrayList<>();
    for (SaveableChild child : model.saveableChildren()) {
      if (child.container() && child.attribute().equals("layers")) {
        out.addAll(child.objects());
      }
    }
    return out;
  }

  /**
   * Whether {@code layer} holds other saveables (a nested model's layers, an RNN's cell,
   * Bidirectional's two layers): its legacy group holds all their weights, in {@link
   * KerasSaveable#legacyWeights} order.
   */
  private static boolean isComposite(KerasSaveable layer) {
    return !layer.saveableChildren().isEmpty();
  }

  /** The model's layers that save any variable, in order. */
  private static List<KerasSaveable> layersWithWeights(KerasSaveable model) {
    List<KerasSaveable> out = new ArrayList<>();
    for (KerasSaveable layer : layers(model)) {
      H5WeightWriter counter = H5WeightWriter.counting();
      layer.saveOwnVariables(counter);
      if (counter.size() > 0 || (isComposite(layer) && !layer.legacyWeights().isEmpty())) {
        out.add(layer);
      }
    }
    return out;
  }

  /**
   * The legacy file of {@code model}, as Keras 3's {@code save_model_to_hdf5} writes it: the
   * root attributes {@code model_config} (the model's {@code {"class_name", "config"}} as JSON),
   * {@code keras_version} and {@code backend}, and {@code model_weights}, one group per layer
   * (named by the layer) whose {@code weight_names} name its datasets by the weights' paths
   * ({@code dense/kernel}, {@code base/dense/kernel} inside a nested model {@code base}); for a
   * compiled model also {@code training_config} (JSON), so Keras loads it compiled.
   *
   * <p>Optimizer state is not written: Keras 3.15's legacy loader, given {@code
   * optimizer_weights}, builds the optimizer for no variables (the model's own {@code
   * _trainable_variables}, without its layers'), and {@code fit} then fails with "Unknown variable", as it does on
   * Keras's own {@code .h5} files. Without them Keras trains on with a fresh optimizer; the
   * {@code .keras} format keeps the state.
   */
  static H5Writer write(String modelConfig, String trainingConfig, KerasSaveable model,
      String kerasVersion) {
    H5Writer out = new H5Writer();
    var root = out.group("");
    root.putAttribute("backend", "tensorflow");
    root.putAttribute("keras_version", kerasVersion);
    root.putAttribute("model_config", modelConfig);
    if (trainingConfig != null) {
      root.putAttribute("training_config", trainingConfig);
    }
    var weights = out.group("model_weights");
    List<KerasSaveable> layers = layers(model);
    if (!layers.isEmpty()) {
      weights.putAttribute("layer_names",
          layers.stream().map(KerasSaveable::name).toArray(String[]::new));
    }
    weights.putAttribute("backend", "tensorflow");
    weights.putAttribute("keras_version", kerasVersion);
    for (KerasSaveable layer : layers) {
      String group = "model_weights/" + layer.name();
      out.group(group);
      List<String> names = new ArrayList<>();
      for (Variable v : layer.legacyWeights()) {
        String name = isComposite(layer) ? layer.name() + "/" + v.name() : v.name();
        names.add(name);
        int slash = name.lastIndexOf('/');
        H5Writer.putFloats(out.group(slash < 0 ? group : group + "/" + name.substring(0, slash)),
            name.substring(slash + 1), v.numpy());
      }
      // Keras writes an empty array for a layer without weights; its reader takes no attribute
      // as none (and jhdf cannot write an empty array).
      if (!names.isEmpty()) {
        out.group(group).putAttribute("weight_names", names.toArray(String[]::new));
      }
    }
    out.group("model_weights/top_level_model_weights");
    return out;
  }

  /** The model's {@code optimizer} child, or null when it has none (not compiled). */
  private static KerasSaveable optimizer(KerasSaveable model) {
    for (SaveableChild child : model.saveableChildren()) {
      if (!child.container() && child.attribute().equals("optimizer")) {
        return child.objects().get(0);
      }
    }
    return null;
  }

  private static Node child(Group group, String path) {
    try {
      return group.getByPath(path);
    } catch (io.jhdf.exceptions.HdfException e) {
      return null;
    }
  }
}
