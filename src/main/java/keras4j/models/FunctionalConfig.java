package keras4j.models;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.Kwarg;
import keras4j.layers.InputLayer;
import keras4j.layers.Layer;
import keras4j.saving.ConfigReader;

/**
 * Keras's {@code Functional.get_config} / {@code from_config} for keras4j's functional models,
 * chains from one input to one output: every layer with its {@code inbound_nodes} (Keras 3's
 * {@code __keras_tensor__} history, or Keras 2's nested lists on load).
 */
final class FunctionalConfig {
  private FunctionalConfig() {}

  /** The config of the functional {@code model}: name, trainable, layers, input and output. */
  static Map<String, Object> getConfig(Model model) {
    List<KerasTensor> chain = new ArrayList<>();
    if (model.inputs().size() != 1 || model.outputs().size() != 1) {
      throw new IllegalArgumentException("Model '" + model.name() + "' has "
          + model.inputs().size() + " inputs and " + model.outputs().size()
          + " outputs; keras4j saves chains from one input to one output");
    }
    for (KerasTensor t = model.output(); t != model.input();
        t = t.kerasHistory().node().inputs().get(0)) {
      List<KerasTensor> inbound = t.kerasHistory().node().inputs();
      if (inbound.size() != 1) {
        throw new IllegalArgumentException("Model '" + model.name() + "': layer '"
            + t.kerasHistory().operation().name() + "' has " + inbound.size()
            + " inputs; keras4j saves chains");
      }
      chain.add(0, t);
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", model.name());
    config.put("trainable", model.isTrainable());
    List<Object> layers = new ArrayList<>();
    Layer input = (Layer) model.input().kerasHistory().operation();
    layers.add(node(input, List.of()));
    List<Layer> seen = new ArrayList<>();
    for (KerasTensor t : chain) {
      Layer layer = (Layer) t.kerasHistory().operation();
      if (seen.contains(layer)) {
        throw new IllegalArgumentException("Model '" + model.name() + "' calls layer '"
            + layer.name() + "' twice; keras4j cannot save shared layers yet");
      }
      seen.add(layer);
      KerasTensor in = t.kerasHistory().node().inputs().get(0);
      Map<String, Object> history = new LinkedHashMap<>();
      history.put("shape", BuiltinClasses.shapeList(in.shape()));
      history.put("dtype", "float32");
      history.put("keras_history", List.of(in.kerasHistory().operation().name(), 0, 0));
      Map<String, Object> tensor = new LinkedHashMap<>();
      tensor.put("class_name", "__keras_tensor__");
      tensor.put("config", history);
      Map<String, Object> call = new LinkedHashMap<>();
      call.put("args", List.of(tensor));
      call.put("kwargs", Map.of());
      layers.add(node(layer, List.of(call)));
    }
    config.put("layers", layers);
    config.put("input_layers", List.of(input.name(), 0, 0));
    config.put("output_layers", List.of(model.output().kerasHistory().operation().name(), 0, 0));
    return config;
  }

  private static Map<String, Object> node(Layer layer, List<Object> inboundNodes) {
    Map<String, Object> entry = BuiltinClasses.serialize(layer);
    entry.put("name", layer.name());
    entry.put("inbound_nodes", inboundNodes);
    return entry;
  }

  /** The functional model a Keras 2 or 3 {@code Functional} (or {@code Model}) config describes. */
  static Model fromConfig(ConfigReader config) {
    List<ConfigReader> entries = config.objects("layers");
    Map<String, KerasTensor> outputs = new HashMap<>();
    List<ConfigReader> pending = new ArrayList<>(entries);
    // Keras lists layers in topological order; a few passes also tolerate any other order.
    for (int pass = 0; !pending.isEmpty(); pass++) {
      if (pass > entries.size()) {
        throw new IllegalArgumentException("Invalid functional config: the inbound nodes of "
            + pending.stream().map(FunctionalConfig::name).toList()
            + " refer to layers that do not exist");
      }
      List<ConfigReader> next = new ArrayList<>();
      for (ConfigReader entry : pending) {
        if ("InputLayer".equals(entry.string("class_name"))) {
          InputLayer input = (InputLayer) BuiltinClasses.LAYERS.deserialize(entry);
          outputs.put(name(entry), input.output());
          continue;
        }
        KerasTensor in = outputs.get(inboundName(entry));
        if (in == null) {
          next.add(entry);
          continue;
        }
        outputs.put(name(entry), BuiltinClasses.LAYERS.deserialize(entry).apply(in));
      }
      pending = next;
    }
    String input = endpoint(config, "input_layers");
    String output = endpoint(config, "output_layers");
    if (!outputs.containsKey(input) || !outputs.containsKey(output)) {
      throw new IllegalArgumentException("Invalid functional config: input '" + input
          + "' or output '" + output + "' is not one of its layers");
    }
    return new Model(outputs.get(input), outputs.get(output),
        new Kwarg("name", config.string("name", "functional")));
  }

  /** A layer entry's name: Keras writes it beside the config and in it. */
  private static String name(ConfigReader entry) {
    String name = entry.string("name", null);
    return name != null ? name : entry.object("config").string("name");
  }

  /**
   * The one layer feeding {@code entry}: Keras 3 writes {@code [{"args": [{"class_name":
   * "__keras_tensor__", "config": {"keras_history": [prev, 0, 0]}}], "kwargs": {}}]}, Keras 2
   * {@code [[["prev", 0, 0, {}]]]}.
   */
  private static String inboundName(ConfigReader entry) {
    String name = name(entry);
    List<?> nodes = entry.has("inbound_nodes") ? entry.list("inbound_nodes") : List.of();
    if (nodes.size() != 1) {
      throw new IllegalArgumentException("Layer '" + name + "' is called " + nodes.size()
          + " times in the model; keras4j loads models whose layers are each called once");
    }
    Object node = nodes.get(0);
    List<?> inputs;
    if (node instanceof Map<?, ?> m) {
      inputs = m.get("args") instanceof List<?> args ? args : List.of();
      if (inputs.size() == 1 && inputs.get(0) instanceof List<?> nested) {
        inputs = nested; // a layer called on a list of tensors
      }
    } else if (node instanceof List<?> legacy) {
      inputs = legacy;
    } else {
      inputs = List.of();
    }
    if (inputs.size() != 1) {
      throw new IllegalArgumentException("Layer '" + name + "' takes " + inputs.size()
          + " input tensors; keras4j loads models whose layers each take one");
    }
    Object tensor = inputs.get(0);
    if (tensor instanceof Map<?, ?> t && t.get("config") instanceof Map<?, ?> c
        && c.get("keras_history") instanceof List<?> history && !history.isEmpty()
        && history.get(0) instanceof String inbound) {
      return inbound;
    }
    if (tensor instanceof List<?> legacy && !legacy.isEmpty()
        && legacy.get(0) instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("Layer '" + name + "' has an inbound node keras4j cannot"
        + " read: " + node);
  }

  /** {@code ["name", 0, 0]} or {@code [["name", 0, 0]]} (exactly one). */
  private static String endpoint(ConfigReader config, String key) {
    List<?> list = config.list(key);
    if (!list.isEmpty() && list.get(0) instanceof String s) {
      return s;
    }
    if (list.size() == 1 && list.get(0) instanceof List<?> inner && !inner.isEmpty()
        && inner.get(0) instanceof String s) {
      return s;
    }
    if (list.size() > 1 && list.get(0) instanceof List<?>) {
      throw new IllegalArgumentException("The model has " + list.size() + " " + key
          + "; keras4j models have one input and one output");
    }
    throw config.invalid(key, "[\"layer_name\", 0, 0]");
  }
}
