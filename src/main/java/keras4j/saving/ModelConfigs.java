package keras4j.saving;

import static keras4j.saving.LayerConfigs.map;
import static keras4j.saving.LayerConfigs.shapeList;
import static keras4j.saving.LayerConfigs.string;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.Keras;
import keras4j.core.KerasTensor;
import keras4j.layers.Input;
import keras4j.layers.InputLayer;
import keras4j.layers.Layer;
import keras4j.models.Model;
import keras4j.models.Sequential;
import org.tensorflow.ndarray.Shape;

/**
 * Model configs, both ways: a Sequential or functional keras4j model to Keras 3's {@code
 * config.json}, and a Keras 2 or 3 Sequential / Functional config (from a {@code .keras} file or a
 * legacy {@code .h5}'s {@code model_config}) back to a keras4j model.
 */
final class ModelConfigs {
  private ModelConfigs() {}

  /** Keras 3's config of {@code model}, without {@code compile_config}. */
  static Map<String, Object> toConfig(Model model) {
    Shape inputShape = model.inputShape();
    if (inputShape == null) {
      throw new IllegalStateException("Model '" + model.name() + "' has not been built: give its"
          + " first layer an inputShape(...) or call fit/predict before saving");
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", model.name());
    config.put("trainable", model.isTrainable());
    if (model.getClass() == Sequential.class) {
      List<Object> layers = new ArrayList<>();
      layers.add(inputLayer(model.name() + "_input", inputShape));
      for (Layer layer : model.layers()) {
        layers.add(LayerConfigs.toConfig(layer));
      }
      config.put("layers", layers);
      config.put("build_input_shape", shapeList(inputShape.asArray()));
      entry.put("module", "keras");
      entry.put("class_name", "Sequential");
      entry.put("config", config);
      entry.put("registered_name", null);
      entry.put("build_config", Map.of("input_shape", shapeList(inputShape.asArray())));
    } else if (model.getClass() == Model.class && model.output() != null) {
      functional(model, config);
      entry.put("module", "keras.src.models.functional");
      entry.put("class_name", "Functional");
      entry.put("config", config);
      entry.put("registered_name", "Functional");
      Map<String, Object> build = new LinkedHashMap<>();
      build.put("input_shape", null);
      entry.put("build_config", build);
    } else {
      throw new IllegalArgumentException("Model '" + model.name() + "' is a subclassed model ("
          + model.getClass().getName() + "); the .keras format stores Sequential and functional"
          + " models only. Save its weights with model.saveWeights(...) instead");
    }
    return entry;
  }

  private static Map<String, Object> inputLayer(String name, Shape shape) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("batch_shape", shapeList(shape.asArray()));
    config.put("dtype", "float32");
    config.put("sparse", false);
    config.put("name", name);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("module", "keras.layers");
    entry.put("class_name", "InputLayer");
    entry.put("config", config);
    entry.put("registered_name", null);
    return entry;
  }

  /** The functional layers, input first, each with its single inbound tensor. */
  private static void functional(Model model, Map<String, Object> config) {
    List<KerasTensor> chain = new ArrayList<>();
    for (KerasTensor t = model.output(); t != model.input(); t = t.inbound().get(0)) {
      if (t.inbound().size() != 1) {
        throw new IllegalArgumentException("Model '" + model.name() + "': layer '"
            + t.operation().name() + "' has " + t.inbound().size() + " inputs; keras4j saves chains");
      }
      chain.add(0, t);
    }
    List<Object> layers = new ArrayList<>();
    InputLayer input = (InputLayer) model.input().operation();
    Map<String, Object> inputEntry = inputLayer(input.name(), input.shape());
    inputEntry.put("name", input.name());
    inputEntry.put("inbound_nodes", List.of());
    layers.add(inputEntry);
    List<Layer> seen = new ArrayList<>();
    for (KerasTensor t : chain) {
      Layer layer = (Layer) t.operation();
      if (seen.contains(layer)) {
        throw new IllegalArgumentException("Model '" + model.name() + "' calls layer '"
            + layer.name() + "' twice; keras4j cannot save shared layers yet");
      }
      seen.add(layer);
      KerasTensor in = t.inbound().get(0);
      Map<String, Object> history = new LinkedHashMap<>();
      history.put("shape", shapeList(in.shape().asArray()));
      history.put("dtype", "float32");
      history.put("keras_history", List.of(in.operation().name(), 0, 0));
      Map<String, Object> tensor = new LinkedHashMap<>();
      tensor.put("class_name", "__keras_tensor__");
      tensor.put("config", history);
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("args", List.of(tensor));
      node.put("kwargs", Map.of());
      Map<String, Object> entry = LayerConfigs.toConfig(layer);
      entry.put("name", layer.name());
      entry.put("inbound_nodes", List.of(node));
      layers.add(entry);
    }
    config.put("layers", layers);
    config.put("input_layers", List.of(input.name(), 0, 0));
    config.put("output_layers", List.of(model.output().operation().name(), 0, 0));
  }

  /** A keras4j model from a Keras Sequential or Functional config (Keras 2 or 3). */
  static Model fromConfig(Map<String, Object> top) {
    String className = string(top.get("class_name"), "the model's class_name");
    Map<String, Object> config = map(top.get("config"), "the model config");
    List<Map<String, Object>> entries = layerEntries(config);
    Model model = switch (className) {
      case "Sequential" -> sequential(top, config, entries);
      case "Functional", "Model" -> functional(config, entries);
      default -> throw new IllegalArgumentException("The file holds a model of class '"
          + className + "'; keras4j loads Sequential and Functional models (a subclassed"
          + " model needs its Python code: rebuild it in Java and use loadWeights)");
    };
    model.summaryText(); // builds every layer, so the weights exist to be loaded
    List<Layer> layers = model.layers();
    for (Map<String, Object> entry : entries) {
      String name = (String) map(entry.get("config"), "config").get("name");
      layers.stream().filter(l -> l.name().equals(name)).findFirst()
          .ifPresent(layer -> LayerConfigs.checkAxis(entry, layer));
    }
    return model;
  }

  private static List<Map<String, Object>> layerEntries(Map<String, Object> config) {
    if (!(config.get("layers") instanceof List<?> list)) {
      throw new IllegalArgumentException("Invalid Keras config: the model has no 'layers' list");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object item : list) {
      Map<String, Object> entry = map(item, "a layer entry");
      Map<String, Object> layerConfig = map(entry.get("config"), "a layer config");
      LayerConfigs.checkKnown(string(entry.get("class_name"), "a layer's class_name"),
          String.valueOf(layerConfig.get("name")));
      out.add(entry);
    }
    return out;
  }

  private static Model sequential(
      Map<String, Object> top, Map<String, Object> config, List<Map<String, Object>> entries) {
    long[] sample = null;
    List<Map<String, Object>> layerEntries = new ArrayList<>();
    for (Map<String, Object> entry : entries) {
      // Keras 3 writes an InputLayer; Keras 2 a batch_input_shape on the first layer.
      if (layerEntries.isEmpty() && sample == null) {
        sample = sampleDims(batchShape(map(entry.get("config"), "a layer config")));
      }
      if (!"InputLayer".equals(entry.get("class_name"))) {
        layerEntries.add(entry);
      }
    }
    if (layerEntries.isEmpty()) {
      throw new IllegalArgumentException("The Sequential model '" + config.get("name")
          + "' has no layers");
    }
    if (sample == null && layerEntries.get(0).get("build_config") instanceof Map<?, ?> b) {
      sample = sampleDims(shape(b.get("input_shape")));
    }
    if (sample == null) {
      sample = sampleDims(shape(config.get("build_input_shape")));
    }
    if (sample == null && top.get("build_config") instanceof Map<?, ?> b) {
      sample = sampleDims(shape(b.get("input_shape")));
    }
    if (sample == null) {
      throw new IllegalArgumentException("The Sequential model '" + config.get("name")
          + "' does not record its input shape, so its weights cannot be built");
    }
    List<Layer> layers = new ArrayList<>();
    for (Map<String, Object> entry : layerEntries) {
      // keras4j takes a Sequential model's input shape from its first layer.
      layers.add(LayerConfigs.fromConfig(entry, layers.isEmpty() ? sample : null));
    }
    return new Sequential(layers, Keras.name(modelName(config)));
  }

  private static String modelName(Map<String, Object> config) {
    return config.get("name") instanceof String s ? s : "sequential";
  }

  private static Model functional(Map<String, Object> config, List<Map<String, Object>> entries) {
    Map<String, KerasTensor> outputs = new HashMap<>();
    List<Map<String, Object>> pending = new ArrayList<>(entries);
    // Keras lists layers in topological order; a few passes also tolerate any other order.
    for (int pass = 0; !pending.isEmpty(); pass++) {
      if (pass > entries.size()) {
        throw new IllegalArgumentException("Invalid functional config: the inbound nodes of "
            + names(pending) + " refer to layers that do not exist");
      }
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> entry : pending) {
        Map<String, Object> layerConfig = map(entry.get("config"), "a layer config");
        String name = entry.get("name") instanceof String s ? s : (String) layerConfig.get("name");
        if ("InputLayer".equals(entry.get("class_name"))) {
          long[] shape = batchShape(layerConfig);
          if (shape == null) {
            throw new IllegalArgumentException("InputLayer '" + name + "' has no batch_shape");
          }
          outputs.put(name, Input.named(name, sampleDims(shape)));
          continue;
        }
        String inbound = inboundName(name, entry.get("inbound_nodes"));
        KerasTensor in = outputs.get(inbound);
        if (in == null) {
          next.add(entry);
          continue;
        }
        outputs.put(name, LayerConfigs.fromConfig(entry, null).apply(in));
      }
      pending = next;
    }
    String input = endpoint(config.get("input_layers"), "input_layers");
    String output = endpoint(config.get("output_layers"), "output_layers");
    if (!outputs.containsKey(input) || !outputs.containsKey(output)) {
      throw new IllegalArgumentException("Invalid functional config: input '" + input
          + "' or output '" + output + "' is not one of its layers");
    }
    return new Model(outputs.get(input), outputs.get(output),
        Keras.name(config.get("name") instanceof String s ? s : "functional"));
  }

  private static List<Object> names(List<Map<String, Object>> entries) {
    return entries.stream().map(e -> e.get("name")).toList();
  }

  /**
   * The one layer feeding {@code name}: Keras 3 writes {@code [{"args": [{"class_name":
   * "__keras_tensor__", "config": {"keras_history": [prev, 0, 0]}}], "kwargs": {}}]}, Keras 2
   * {@code [[["prev", 0, 0, {}]]]}.
   */
  private static String inboundName(String name, Object nodes) {
    if (!(nodes instanceof List<?> list) || list.size() != 1) {
      throw new IllegalArgumentException("Layer '" + name + "' is called "
          + (nodes instanceof List<?> l ? l.size() : 0) + " times in the model; keras4j loads"
          + " models whose layers are each called once");
    }
    Object node = list.get(0);
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
        && c.get("keras_history") instanceof List<?> history && !history.isEmpty()) {
      return String.valueOf(history.get(0));
    }
    if (tensor instanceof List<?> legacy && !legacy.isEmpty()) {
      return String.valueOf(legacy.get(0));
    }
    throw new IllegalArgumentException("Layer '" + name + "' has an inbound node keras4j cannot"
        + " read: " + node);
  }

  /** {@code ["name", 0, 0]} or {@code [["name", 0, 0]]} (exactly one). */
  private static String endpoint(Object value, String key) {
    if (value instanceof List<?> list && !list.isEmpty()) {
      if (list.get(0) instanceof String s) {
        return s;
      }
      if (list.size() == 1 && list.get(0) instanceof List<?> inner && !inner.isEmpty()) {
        return String.valueOf(inner.get(0));
      }
      throw new IllegalArgumentException("The model has " + list.size() + " " + key
          + "; keras4j models have one input and one output");
    }
    throw new IllegalArgumentException("Invalid functional config: bad " + key + " " + value);
  }

  /** {@code batch_shape} (Keras 3) or {@code batch_input_shape} (Keras 2), or null. */
  private static long[] batchShape(Map<String, Object> layerConfig) {
    Object shape = layerConfig.containsKey("batch_shape") ? layerConfig.get("batch_shape")
        : layerConfig.get("batch_input_shape");
    return shape(shape);
  }

  private static long[] shape(Object value) {
    if (!(value instanceof List<?> list)) {
      return null;
    }
    long[] out = new long[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i) instanceof Number n ? n.longValue() : -1;
    }
    return out;
  }

  private static long[] sampleDims(long[] batchShape) {
    if (batchShape == null || batchShape.length < 2) {
      return null;
    }
    long[] sample = java.util.Arrays.copyOfRange(batchShape, 1, batchShape.length);
    for (long d : sample) {
      if (d <= 0) {
        throw new IllegalArgumentException("keras4j needs every input dimension but the batch"
            + " known; the file declares an input of shape " + java.util.Arrays.toString(batchShape));
      }
    }
    return sample;
  }
}
