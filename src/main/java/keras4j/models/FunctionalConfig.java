package keras4j.models;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import keras4j.core.KerasTensor;
import keras4j.core.Kwarg;
import keras4j.core.Node;
import keras4j.core.Operation;
import keras4j.layers.Layer;
import keras4j.saving.ConfigReader;

/**
 * Keras's {@code Functional.get_config} and {@code functional_from_config}: every layer with its
 * {@code inbound_nodes}, one per call in the model (a shared layer has several), each naming the
 * tensors it was called on by their Keras history {@code [layer, node, tensor]}, and the model's
 * {@code input_layers} / {@code output_layers}. Keras 3 writes a node as {@code {"args": [...],
 * "kwargs": {...}}} with {@code __keras_tensor__} objects; Keras 2 as a list of {@code [layer,
 * node, tensor, kwargs]}; both are read. Nested models are layers whose config is a model's.
 */
final class FunctionalConfig {
  private FunctionalConfig() {}

  /** The config of the functional {@code model}: name, trainable, layers, inputs and outputs. */
  static Map<String, Object> getConfig(Model model, Functional graph) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", model.name());
    config.put("trainable", model.isTrainable());
    List<Object> layers = new ArrayList<>();
    for (Layer layer : graph.layers()) {
      List<Object> inbound = new ArrayList<>();
      for (Node node : layer.inboundNodes()) {
        if (graph.contains(node) && !node.isInput()) {
          inbound.add(node(node, graph));
        }
      }
      Map<String, Object> entry = BuiltinClasses.serialize(layer);
      entry.put("name", layer.name());
      entry.put("inbound_nodes", inbound);
      layers.add(entry);
    }
    config.put("layers", layers);
    config.put("input_layers",
        endpoints(graph.inputs(), graph.inputNames(), graph.inputStructure(), graph));
    config.put("output_layers",
        endpoints(graph.outputs(), graph.outputNames(), graph.outputStructure(), graph));
    return config;
  }

  /** One call, as Keras's {@code serialize_node}: a list call's tensors go in one list. */
  private static Map<String, Object> node(Node node, Functional graph) {
    List<Object> tensors = new ArrayList<>();
    node.inputs().forEach(t -> tensors.add(tensor(t, graph)));
    Map<String, Object> kwargs = new LinkedHashMap<>();
    if (node.training() != null) {
      kwargs.put("training", node.training());
    }
    kwargs.putAll(new TreeMap<>(node.callArgs()));
    if (isFunctional(node.operation())) {
      kwargs.put("mask", null); // what Keras records for a nested functional model's call
    }
    Map<String, Object> call = new LinkedHashMap<>();
    boolean positional = node.operation() instanceof Layer layer && layer.positionalInputs() != null;
    call.put("args", tensors.size() == 1 || positional ? tensors : List.of(tensors));
    call.put("kwargs", kwargs);
    return call;
  }

  private static Map<String, Object> tensor(KerasTensor t, Functional graph) {
    Map<String, Object> history = new LinkedHashMap<>();
    history.put("shape", BuiltinClasses.shapeList(t.shape()));
    history.put("dtype", "float32");
    history.put("keras_history", List.of(t.kerasHistory().operation().name(),
        keptIndex(t.kerasHistory().node(), graph), t.kerasHistory().tensorIndex()));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("class_name", "__keras_tensor__");
    out.put("config", history);
    return out;
  }

  /** The node's index among its operation's calls that belong to this model. */
  private static int keptIndex(Node node, Functional graph) {
    int index = 0;
    for (Node earlier : node.operation().inboundNodes().subList(0, node.index())) {
      index += graph.contains(earlier) ? 1 : 0;
    }
    return index;
  }

  /**
   * As Keras's {@code map_tensors}: {@code ["x", 0, 0]} for one tensor, a list of them for a list,
   * a map of them by name for a map. Keras counts a nested functional model's calls from 1 here
   * (and only here), as if it had a call of its own first.
   */
  private static Object endpoints(List<KerasTensor> tensors, List<String> names,
      Functional.Structure structure, Functional graph) {
    List<Object> out = new ArrayList<>();
    for (KerasTensor t : tensors) {
      Operation op = t.kerasHistory().operation();
      out.add(List.of(op.name(),
          keptIndex(t.kerasHistory().node(), graph) + (isFunctional(op) ? 1 : 0),
          t.kerasHistory().tensorIndex()));
    }
    return switch (structure) {
      case SINGLE -> out.get(0);
      case LIST -> out;
      case MAP -> {
        Map<String, Object> byName = new LinkedHashMap<>();
        for (int i = 0; i < out.size(); i++) {
          byName.put(names.get(i), out.get(i));
        }
        yield byName;
      }
    };
  }

  /** Whether {@code op} is what Keras calls a {@code Functional} model (not a Sequential one). */
  private static boolean isFunctional(Operation op) {
    return op instanceof Model m && !(m instanceof Sequential) && !m.inputs().isEmpty();
  }

  /** The functional model a Keras 2 or 3 {@code Functional} (or {@code Model}) config describes. */
  static Model fromConfig(ConfigReader config) {
    Map<String, Layer> created = new HashMap<>();
    Map<Layer, List<Object>> unprocessed = new LinkedHashMap<>();
    List<ConfigReader> entries = config.objects("layers");
    List<Layer> order = new ArrayList<>();
    Set<String> maskOps = maskOps(entries);
    for (ConfigReader entry : entries) {
      String name = name(entry);
      if (maskOps.contains(name)) {
        continue;
      }
      Layer layer = BuiltinClasses.LAYERS.deserialize(entry);
      if (created.put(name, layer) != null) {
        throw new IllegalArgumentException("Invalid functional config at " + entry.path()
            + ": two layers are named '" + name + "'");
      }
      order.add(layer);
      List<?> nodes = entry.has("inbound_nodes") ? entry.list("inbound_nodes") : List.of();
      if (!nodes.isEmpty()) {
        unprocessed.put(layer, new ArrayList<>(nodes));
      }
    }
    // As Keras: a call waits until the calls making its inputs exist (a layer shared at two
    // depths, A(B(A(x))), cannot be replayed layer by layer).
    while (!unprocessed.isEmpty()) {
      boolean progress = false;
      for (Layer layer : order) {
        List<Object> pending = unprocessed.get(layer);
        while (pending != null && !pending.isEmpty()) {
          Call call = call(layer, pending.get(0), created);
          if (call == null) {
            break; // an input does not exist yet
          }
          layer.applyAll(call.inputs(), call.training(), call.args());
          pending.remove(0);
          progress = true;
        }
        if (pending != null && pending.isEmpty()) {
          unprocessed.remove(layer);
        }
      }
      if (!progress) {
        throw new IllegalArgumentException("Invalid Functional model configuration. The graph of"
            + " the Functional model either has loops or disconnected nodes. The following"
            + " layers' calls failed to be resolved: "
            + unprocessed.keySet().stream().map(Layer::name).toList());
      }
    }
    Model model = new Model(tensors(config, "input_layers", created),
        tensors(config, "output_layers", created),
        new Kwarg("name", config.string("name", "functional")));
    model.setTrainable(config.bool("trainable", true));
    return model;
  }

  /**
   * The Keras ops (module {@code keras.src.ops...}, such as the {@code NotEqual} of {@code
   * Embedding(mask_zero=True)}) whose outputs only feed layers' {@code mask} arguments: Keras 3
   * records a propagated mask as such an op and passes it explicitly; keras4j recomputes the same
   * mask as the layers run ({@code compute_mask}), so these ops are not rebuilt.
   */
  private static Set<String> maskOps(List<ConfigReader> entries) {
    Set<String> masks = new HashSet<>();
    Set<String> used = new HashSet<>();
    for (ConfigReader entry : entries) {
      List<?> nodes = entry.has("inbound_nodes") ? entry.list("inbound_nodes") : List.of();
      for (Object node : nodes) {
        if (node instanceof Map<?, ?> call) {
          collectHistory(call.get("args"), used);
          if (call.get("kwargs") instanceof Map<?, ?> kwargs) {
            kwargs.forEach((key, value) -> collectHistory(value, "mask".equals(key) ? masks
                : used));
          }
        }
      }
    }
    Set<String> out = new HashSet<>();
    for (ConfigReader entry : entries) {
      String name = name(entry);
      // Keras 3 files name the ops' module; legacy .h5 configs name no module.
      boolean op = entry.raw("module") == null
          ? !BuiltinClasses.LAYERS.classNames().contains(entry.string("class_name", ""))
          : String.valueOf(entry.raw("module")).startsWith("keras.src.ops");
      if (op && masks.contains(name) && !used.contains(name)) {
        out.add(name);
      }
    }
    // The ops feeding only those ops (Add's LogicalOr of NotEqual masks) are mask ops too.
    boolean grew = true;
    while (grew) {
      grew = false;
      for (ConfigReader entry : entries) {
        if (!out.contains(name(entry))) {
          continue;
        }
        Set<String> inputs = new HashSet<>();
        collectHistory(entry.has("inbound_nodes") ? entry.list("inbound_nodes") : List.of(),
            inputs);
        for (String input : inputs) {
          if (!out.contains(input) && onlyFeeds(input, out, entries)) {
            grew |= out.add(input);
          }
        }
      }
    }
    return out;
  }

  /** Whether every layer calling {@code name}'s output outside a mask argument is in {@code ops}. */
  private static boolean onlyFeeds(String name, Set<String> ops, List<ConfigReader> entries) {
    for (ConfigReader entry : entries) {
      if (ops.contains(name(entry)) || !entry.has("inbound_nodes")) {
        continue;
      }
      Set<String> used = new HashSet<>();
      for (Object node : entry.list("inbound_nodes")) {
        if (node instanceof Map<?, ?> call) {
          collectHistory(call.get("args"), used);
          if (call.get("kwargs") instanceof Map<?, ?> kwargs) {
            kwargs.forEach((key, value) -> collectHistory(value, "mask".equals(key)
                ? new HashSet<>() : used));
          }
        } else {
          collectHistory(node, used);
        }
      }
      if (used.contains(name)) {
        return false;
      }
    }
    return true;
  }

  /** Adds the layer names of the {@code keras_history} entries inside {@code value}. */
  private static void collectHistory(Object value, Set<String> names) {
    if (value instanceof Map<?, ?> map) {
      if (map.get("keras_history") instanceof List<?> h && !h.isEmpty()) {
        names.add(String.valueOf(h.get(0)));
      }
      map.values().forEach(v -> collectHistory(v, names));
    } else if (value instanceof List<?> list) {
      list.forEach(v -> collectHistory(v, names));
    }
  }

  /**
   * One recorded call: its input tensors, training flag (null when not given) and other keyword
   * arguments, which the layer checks it takes.
   */
  private record Call(List<KerasTensor> inputs, Boolean training, Map<String, Object> args) {}

  /**
   * Resolves one inbound node of {@code layer}, or returns null when a tensor it needs does not
   * exist yet.
   */
  private static Call call(Layer layer, Object node, Map<String, Layer> created) {
    List<Object> refs = new ArrayList<>();
    Map<?, ?> kwargs = Map.of();
    if (node instanceof Map<?, ?> keras3) {
      List<?> args = keras3.get("args") instanceof List<?> a ? a : List.of();
      if (args.size() == 1 && args.get(0) instanceof List<?> list) {
        args = list; // a layer called on a list of tensors
      }
      refs.addAll(args);
      kwargs = keras3.get("kwargs") instanceof Map<?, ?> k ? k : Map.of();
    } else if (node instanceof List<?> keras2) {
      for (Object ref : keras2) {
        refs.add(ref);
        if (ref instanceof List<?> r && r.size() == 4 && r.get(3) instanceof Map<?, ?> k) {
          kwargs = k;
        }
      }
    }
    if (refs.isEmpty()) {
      throw new IllegalArgumentException("Layer '" + layer.name() + "' has an inbound node"
          + " keras4j cannot read: " + node);
    }
    List<KerasTensor> inputs = new ArrayList<>();
    for (Object ref : refs) {
      KerasTensor tensor = resolve(layer, ref, created);
      if (tensor == null) {
        return null;
      }
      inputs.add(tensor);
    }
    Boolean training = null;
    Map<String, Object> args = new LinkedHashMap<>();
    for (Map.Entry<?, ?> kwarg : kwargs.entrySet()) {
      if ("training".equals(kwarg.getKey()) && kwarg.getValue() instanceof Boolean b) {
        training = b;
      } else if ("mask".equals(kwarg.getKey()) && kwarg.getValue() instanceof Map<?, ?>) {
        continue; // a propagated mask, which the layers recompute (see maskOps)
      } else if (kwarg.getValue() != null) {
        args.put(String.valueOf(kwarg.getKey()), kwarg.getValue()); // the layer checks them
      }
    }
    return new Call(inputs, training, args);
  }

  /**
   * The tensor a Keras 3 {@code __keras_tensor__} or a Keras 2 {@code [layer, node, tensor]}
   * names, or null if that call of its layer has not been replayed yet.
   */
  private static KerasTensor resolve(Layer layer, Object ref, Map<String, Layer> created) {
    List<?> history = null;
    if (ref instanceof Map<?, ?> t && t.get("config") instanceof Map<?, ?> c
        && c.get("keras_history") instanceof List<?> h) {
      history = h;
    } else if (ref instanceof List<?> legacy) {
      history = legacy;
    }
    if (history == null || history.size() < 3 || !(history.get(0) instanceof String name)
        || !(history.get(1) instanceof Long node) || !(history.get(2) instanceof Long index)) {
      throw new IllegalArgumentException("Layer '" + layer.name() + "' has an inbound tensor"
          + " keras4j cannot read: " + ref + " (expected a keras_history [layer, node, tensor])");
    }
    Layer inbound = created.get(name);
    if (inbound == null) {
      throw new IllegalArgumentException("Invalid functional config: layer '" + layer.name()
          + "' is called on the output of layer '" + name + "', which does not exist in the"
          + " model; its layers are " + created.keySet().stream().sorted().toList());
    }
    return output(inbound, node, index, "layer '" + layer.name() + "'");
  }

  /** Output {@code index} of call {@code node} of {@code layer}, or null if not made yet. */
  private static KerasTensor output(Layer layer, long node, long index, String user) {
    List<Node> nodes = layer.inboundNodes();
    if (node < 0 || index < 0) {
      throw new IllegalArgumentException("Invalid functional config: " + user + " names call "
          + node + ", output " + index + " of layer '" + layer.name() + "'");
    }
    if (node >= nodes.size()) {
      return null;
    }
    List<KerasTensor> outputs = nodes.get((int) node).outputs();
    if (index >= outputs.size()) {
      throw new IllegalArgumentException("Invalid functional config: " + user + " names output "
          + index + " of layer '" + layer.name() + "', which has " + outputs.size());
    }
    return outputs.get((int) index);
  }

  /**
   * The tensors of {@code input_layers} or {@code output_layers}: one triple, a list of them or
   * a map of them by name (Keras's dict inputs and outputs).
   */
  private static Functional.Tensors tensors(ConfigReader config, String key,
      Map<String, Layer> created) {
    if (config.raw(key) instanceof Map<?, ?> map) {
      Map<String, KerasTensor> byName = new LinkedHashMap<>();
      map.forEach((name, triple) ->
          byName.put(String.valueOf(name), tensor(triple, config, key, created)));
      return Functional.Tensors.of(byName);
    }
    List<?> list = config.list(key);
    if (!list.isEmpty() && list.get(0) instanceof String) {
      return Functional.Tensors.of(tensor(list, config, key, created));
    }
    List<KerasTensor> out = new ArrayList<>();
    for (Object triple : list) {
      out.add(tensor(triple, config, key, created));
    }
    return Functional.Tensors.of(out);
  }

  /** The tensor a {@code ["layer", node, tensor]} triple of {@code key} names. */
  private static KerasTensor tensor(Object triple, ConfigReader config, String key,
      Map<String, Layer> created) {
    if (!(triple instanceof List<?> t) || t.size() != 3 || !(t.get(0) instanceof String name)
        || !(t.get(1) instanceof Long node) || !(t.get(2) instanceof Long index)) {
      throw config.invalid(key, "[\"layer_name\", 0, 0], a list of them or a map of them by name");
    }
    Layer layer = created.get(name);
    if (layer == null) {
      throw new IllegalArgumentException("Invalid functional config: " + config.path(key)
          + " names layer '" + name + "', which does not exist in the model");
    }
    KerasTensor tensor = output(layer, isFunctional(layer) ? node - 1 : node, index,
        config.path(key));
    if (tensor == null) {
      throw new IllegalArgumentException("Invalid functional config: " + config.path(key)
          + " names call " + node + " of layer '" + name + "', which is never made");
    }
    return tensor;
  }

  /** A layer entry's name: Keras writes it beside the config and in it. */
  private static String name(ConfigReader entry) {
    String name = entry.string("name", null);
    return name != null ? name : entry.object("config").string("name");
  }
}
