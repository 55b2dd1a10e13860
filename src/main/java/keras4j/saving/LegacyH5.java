package keras4j.saving;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.core.Variable;
import keras4j.layers.Layer;
import keras4j.models.Model;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * The legacy Keras 2 / tf.keras HDF5 format ({@code model.save("m.h5")}), as Keras's {@code
 * legacy_h5_format.py} reads it: the root attribute {@code model_config} (JSON), optionally {@code
 * training_config}, and the group {@code model_weights} whose attribute {@code layer_names} lists
 * the layer groups; each has a {@code weight_names} attribute naming its datasets ({@code
 * dense/kernel:0}, or without {@code :0} when Keras 3 wrote it). Layers are matched to the model's
 * layers that have weights, by order, as Keras does. Optimizer weights are not read.
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

  /** The model of a legacy full-model file, with its weights, compiled if it says how. */
  static Model load(Group root, String what) {
    String json = H5Reader.string(root, "model_config");
    Model model = ModelConfigs.fromConfig(Json.parseObject(json, what + " model_config"));
    readWeights(model, root, what);
    String training = H5Reader.string(root, "training_config");
    if (training != null) {
      CompileConfigs.compile(model, Json.parseObject(training, what + " training_config"));
    }
    return model;
  }

  /** Loads legacy-layout weights into {@code model}, all checked before any is assigned. */
  static void readWeights(Model model, Group root, String what) {
    Group weights = H5Reader.childGroup(root, "model_weights");
    if (weights == null) {
      weights = root;
    }
    List<Group> fileLayers = new ArrayList<>();
    List<List<String>> fileWeightNames = new ArrayList<>();
    for (String name : H5Reader.strings(weights, "layer_names")) {
      Group g = H5Reader.childGroup(weights, name);
      if (g == null) {
        throw new IllegalArgumentException(what + " lists layer '" + name + "' in layer_names"
            + " but has no group for it");
      }
      List<String> weightNames = H5Reader.strings(g, "weight_names");
      if (!weightNames.isEmpty()) {
        fileLayers.add(g);
        fileWeightNames.add(weightNames);
      }
    }
    List<Layer> layers = model.layers().stream().filter(l -> !l.variables().isEmpty()).toList();
    if (layers.size() != fileLayers.size()) {
      throw new IllegalArgumentException("Model '" + model.name() + "' has " + layers.size()
          + " layers with weights but " + what + " has " + fileLayers.size() + ": "
          + fileLayers.stream().map(Node::getName).toList());
    }
    Map<Variable, FloatNdArray> values = new LinkedHashMap<>();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      List<Variable> variables = layer.variables();
      List<String> names = fileWeightNames.get(i);
      if (names.size() != variables.size()) {
        throw new IllegalArgumentException("Layer '" + layer.name() + "' has "
            + variables.size() + " weights but " + what + " has " + names.size() + " for layer '"
            + fileLayers.get(i).getName() + "': " + names);
      }
      for (int j = 0; j < names.size(); j++) {
        Node node = child(fileLayers.get(i), names.get(j));
        if (!(node instanceof Dataset dataset)) {
          throw new IllegalArgumentException(what + " names weight '" + names.get(j)
              + "' of layer '" + fileLayers.get(i).getName() + "' but holds no such dataset");
        }
        values.put(variables.get(j), H5Reader.valueFor(dataset, variables.get(j),
            "Layer '" + layer.name() + "'"));
      }
    }
    values.forEach(Variable::assign);
  }

  private static Node child(Group group, String path) {
    try {
      return group.getByPath(path);
    } catch (io.jhdf.exceptions.HdfException e) {
      return null;
    }
  }
}
