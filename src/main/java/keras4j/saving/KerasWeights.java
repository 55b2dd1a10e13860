package keras4j.saving;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.core.Variable;
import keras4j.layers.Layer;
import keras4j.layers.Normalization;
import keras4j.models.Model;
import keras4j.optimizers.Optimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;

/**
 * Keras 3's weights layout ({@code model.weights.h5} inside a {@code .keras} archive, or a {@code
 * .weights.h5} file), as {@code keras.src.saving.saving_lib} writes it.
 *
 * <ul>
 *   <li>{@code layers/<group>/vars/0..n-1}: each layer's variables in order, where {@code group} is
 *       the snake_case class name plus a per-class counter over the model's layers ({@code dense},
 *       {@code dense_1}, ...), not the layer's name. Sequential models leave out their InputLayer,
 *       functional models list it (with no variables). A nested model has its own {@code layers}.
 *   <li>{@code optimizer/vars/0..n-1}: the optimizer's {@code variables()}, in order: the
 *       iteration count (int64, as Keras writes it), the learning rate, then the slots in the
 *       order its {@code build} created them (only the first two before it is built).
 *   <li>{@code vars}: the model's own variables (none).
 * </ul>
 */
final class KerasWeights {
  private static final Logger LOG = LoggerFactory.getLogger(KerasWeights.class);

  private KerasWeights() {}

  /** Adds {@code model}'s weights and optimizer state to {@code out}. */
  static void write(Model model, H5Writer out) {
    writeContainer(model, "", out);
    Optimizer optimizer = model.optimizer();
    if (optimizer != null) {
      WritableGroup vars = out.group("optimizer/vars");
      vars.putAttribute("name", optimizer.name());
      vars.putDataset("0", optimizer.iterations());
      List<Variable> state = optimizer.variables();
      for (int i = 1; i < state.size(); i++) {
        H5Writer.putFloats(vars, Integer.toString(i), state.get(i).numpy());
      }
    }
  }

  private static void writeContainer(Model model, String prefix, H5Writer out) {
    out.group(prefix + "vars").putAttribute("name", model.name());
    Map<String, Integer> counts = new HashMap<>();
    for (Layer layer : model.layers()) {
      String path = prefix + "layers/" + groupName(layer, counts);
      if (layer instanceof Model nested) {
        writeContainer(nested, path + "/", out);
        continue;
      }
      WritableGroup vars = out.group(path + "/vars");
      vars.putAttribute("name", layer.name());
      List<Variable> variables = layer.variables();
      for (int i = 0; i < variables.size(); i++) {
        H5Writer.putFloats(vars, Integer.toString(i), variables.get(i).numpy());
      }
      if (layer instanceof Normalization) {
        // Keras's Normalization keeps a third variable, an adapt sample count it no longer uses.
        vars.putDataset(Integer.toString(variables.size()), 0L);
      }
    }
  }

  /** {@code dense}, {@code dense_1}, ...: Keras's per-class counter over a model's layers. */
  private static String groupName(Layer layer, Map<String, Integer> counts) {
    String base = LayerConfigs.groupName(layer.getClass().getSimpleName());
    int n = counts.merge(base, 1, Integer::sum) - 1;
    return n == 0 ? base : base + "_" + n;
  }

  /**
   * Loads {@code model}'s weights (all checked before any is assigned) and, if the model is
   * compiled, its optimizer state from a Keras 3 weights file.
   */
  static void read(Model model, Group root, String what) {
    Map<Variable, FloatNdArray> values = new LinkedHashMap<>();
    List<String> unused = new ArrayList<>();
    readContainer(model, root, "", values, unused, what);
    if (!unused.isEmpty()) {
      throw new IllegalArgumentException(what + " has weights for " + unused + ", which model '"
          + model.name() + "' does not have: the file was saved from a different architecture");
    }
    values.forEach(Variable::assign);
    Optimizer optimizer = model.optimizer();
    Group optimizerGroup = H5Reader.childGroup(root, "optimizer");
    Group optimizerVars = optimizerGroup == null ? null : H5Reader.childGroup(optimizerGroup, "vars");
    if (optimizer != null && optimizerVars != null) {
      readOptimizer(optimizer, model.trainableVariables(), optimizerVars, what);
    }
  }

  private static void readContainer(Model model, Group root, String prefix,
      Map<Variable, FloatNdArray> values, List<String> unused, String what) {
    Group layersGroup = H5Reader.childGroup(root, "layers");
    Map<String, Integer> counts = new HashMap<>();
    List<String> used = new ArrayList<>();
    for (Layer layer : model.layers()) {
      String group = groupName(layer, counts);
      used.add(group);
      Group layerGroup = layersGroup == null ? null : H5Reader.childGroup(layersGroup, group);
      if (layer instanceof Model nested) {
        if (layerGroup == null) {
          throw missing(what, prefix + "layers/" + group, layer);
        }
        readContainer(nested, layerGroup, prefix + "layers/" + group + "/", values, unused, what);
        continue;
      }
      List<Variable> variables = layer.variables();
      if (variables.isEmpty()) {
        continue;
      }
      Group vars = layerGroup == null ? null : H5Reader.childGroup(layerGroup, "vars");
      if (vars == null) {
        throw missing(what, prefix + "layers/" + group + "/vars", layer);
      }
      List<Dataset> datasets = numbered(vars);
      if (layer instanceof Normalization && datasets.size() == variables.size() + 1) {
        datasets = datasets.subList(0, variables.size()); // Keras's unused count
      }
      if (datasets.size() != variables.size()) {
        throw new IllegalArgumentException("Layer '" + layer.name() + "' has "
            + variables.size() + " weights but " + what + " has " + datasets.size() + " at "
            + vars.getPath());
      }
      for (int i = 0; i < variables.size(); i++) {
        values.put(variables.get(i), H5Reader.valueFor(datasets.get(i), variables.get(i),
            "Layer '" + layer.name() + "'"));
      }
    }
    if (layersGroup != null) {
      for (Node child : layersGroup) {
        if (!used.contains(child.getName()) && child instanceof Group g && hasData(g)) {
          unused.add(prefix + "layers/" + child.getName());
        }
      }
    }
  }

  private static IllegalArgumentException missing(String what, String path, Layer layer) {
    return new IllegalArgumentException(what + " has no weights for layer '" + layer.name()
        + "' (" + layer.getClass().getSimpleName() + "), expected at " + path
        + ": the file was saved from a different architecture");
  }

  private static boolean hasData(Group group) {
    for (Node child : group) {
      if (child instanceof Dataset || (child instanceof Group g && hasData(g))) {
        return true;
      }
    }
    return false;
  }

  /** The datasets "0", "1", ... of a Keras {@code vars} group, in numeric order. */
  private static List<Dataset> numbered(Group vars) {
    List<Dataset> out = new ArrayList<>();
    Map<String, Node> children = vars.getChildren();
    for (int i = 0; children.get(Integer.toString(i)) instanceof Dataset d; i++) {
      out.add(d);
    }
    if (out.size() != children.size()) {
      throw new IllegalArgumentException(vars.getPath() + " should hold datasets named 0.."
          + (children.size() - 1) + " but holds " + children.keySet());
    }
    return out;
  }

  /**
   * Restores {@code optimizer.variables()} in order, building the optimizer for the model's
   * trainable variables first; a file saved before the first step holds only the iteration count
   * and the learning rate.
   */
  private static void readOptimizer(
      Optimizer optimizer, List<Variable> trainable, Group vars, String what) {
    List<Dataset> datasets = numbered(vars);
    if (!optimizer.built() && !trainable.isEmpty()) {
      optimizer.build(trainable);
    }
    List<Variable> state = optimizer.variables();
    if (datasets.size() != state.size() && datasets.size() != 2) {
      // Keras skips an optimizer state that does not fit, with a warning, and so do we.
      LOG.warn("Not restoring the optimizer state of {}: optimizer '{}' expects {} variables but"
          + " the file has {}", what, optimizer.name(), state.size(), datasets.size());
      return;
    }
    List<FloatNdArray> values = new ArrayList<>();
    for (int i = 0; i < datasets.size(); i++) {
      values.add(H5Reader.valueFor(datasets.get(i), state.get(i),
          "Optimizer variable '" + state.get(i).name() + "'"));
    }
    for (int i = 0; i < values.size(); i++) {
      state.get(i).assign(values.get(i));
    }
  }
}
