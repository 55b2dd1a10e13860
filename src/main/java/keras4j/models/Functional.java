package keras4j.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import keras4j.core.KerasTensor;
import keras4j.core.Node;
import keras4j.core.Operation;
import keras4j.layers.InputLayer;
import keras4j.layers.Layer;

/**
 * The graph of a functional model, as Keras's {@code ops/function.py}: its input and output
 * tensors and the nodes (layer calls) between them in topological order, which {@link #run}
 * replays on concrete tensors.
 */
final class Functional {
  /**
   * A model's inputs or outputs as given to its constructor: a list (named by their layers) or a
   * map (named by its keys, in sorted order, as Keras flattens a dict).
   */
  record Tensors(List<KerasTensor> tensors, List<String> names, Structure structure) {
    static Tensors of(KerasTensor tensor) {
      return new Tensors(List.of(tensor), layerNames(List.of(tensor)), Structure.SINGLE);
    }

    static Tensors of(List<KerasTensor> tensors) {
      return new Tensors(List.copyOf(tensors), layerNames(tensors), Structure.LIST);
    }

    static Tensors of(Map<String, KerasTensor> tensors) {
      List<String> names = tensors.keySet().stream().sorted().toList();
      return new Tensors(names.stream().map(tensors::get).toList(), names, Structure.MAP);
    }
  }

  /**
   * How a model's inputs or outputs were given, which its saved config keeps (Keras's {@code
   * _inputs_struct}): one tensor, a list (of one, too), or a map by name.
   */
  enum Structure { SINGLE, LIST, MAP }

  private final List<KerasTensor> inputs;
  private final List<KerasTensor> outputs;
  private final List<String> inputNames;
  private final List<String> outputNames;
  private final Structure inputStructure;
  private final Structure outputStructure;
  private final Set<Node> nodes = new LinkedHashSet<>();
  private final List<Layer> operations;
  private boolean sequentialLike;

  /**
   * The graph from {@code in} to {@code out}, with the names that data and compile maps use for
   * them (the keys of the maps a model was built from, as Keras's dict structures).
   */
  Functional(Tensors inputTensors, Tensors outputTensors) {
    List<KerasTensor> inputs = inputTensors.tensors();
    List<KerasTensor> outputs = outputTensors.tensors();
    if (inputs.isEmpty() || outputs.isEmpty()) {
      throw new IllegalArgumentException("A functional model needs at least one input and one"
          + " output, got " + inputs.size() + " inputs and " + outputs.size() + " outputs");
    }
    for (KerasTensor in : inputs) {
      if (!in.isSymbolic() || !(in.kerasHistory().operation() instanceof InputLayer)) {
        throw new IllegalArgumentException(
            "Model inputs must come from keras4j.layers.Input.shape(...), got " + in);
      }
    }
    for (KerasTensor out : outputs) {
      if (!out.isSymbolic()) {
        throw new IllegalArgumentException("Model outputs must be symbolic tensors computed"
            + " from the model's inputs with layer.apply(...), got " + out);
      }
    }
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
    this.inputNames = inputTensors.names();
    this.outputNames = outputTensors.names();
    this.inputStructure = inputTensors.structure();
    this.outputStructure = outputTensors.structure();
    Map<Operation, Integer> firstSeen = new HashMap<>();
    Set<Node> done = new LinkedHashSet<>();
    for (KerasTensor out : outputs) {
      visit(out.kerasHistory().node(), done, firstSeen);
    }
    nodes.addAll(done);
    operations = orderByDepth(firstSeen);
  }

  /**
   * Keras's {@code _build_map}: depth first from the outputs, a node after the nodes making its
   * inputs; {@code firstSeen} numbers the operations as first met (Keras's traversal index).
   */
  private void visit(Node node, Set<Node> done, Map<Operation, Integer> firstSeen) {
    if (done.contains(node)) {
      return;
    }
    if (node.isInput() && inputs.stream().noneMatch(in -> in.kerasHistory().node() == node)) {
      throw new IllegalArgumentException("Graph disconnected: the model's outputs need input '"
          + node.operation().name() + "', which is not one of the model's inputs "
          + inputs.stream().map(in -> in.kerasHistory().operation().name()).toList()
          + "; pass it in the inputs, or build the outputs from the given inputs");
    }
    firstSeen.putIfAbsent(node.operation(), firstSeen.size());
    for (KerasTensor in : node.inputs()) {
      visit(in.kerasHistory().node(), done, firstSeen);
    }
    done.add(node);
  }

  /** Keras's names of tensors: the layers that made them. */
  private static List<String> layerNames(List<KerasTensor> tensors) {
    // A tensor that is not symbolic gets no name: the constructor refuses it just after.
    return tensors.stream()
        .map(t -> t.kerasHistory() == null ? "" : t.kerasHistory().operation().name()).toList();
  }

  /**
   * Keras's {@code map_graph} order of the operations: by depth (distance from the outputs),
   * deepest (the inputs) first, ties in traversal order; inputs the outputs do not use come last
   * at depth 0. It is the order of {@code model.layers}, of the saved config and of the weights.
   */
  private List<Layer> orderByDepth(Map<Operation, Integer> firstSeen) {
    Map<Node, Integer> nodeDepth = new HashMap<>();
    Map<Operation, Integer> depth = new HashMap<>();
    List<Node> reversed = new ArrayList<>(nodes);
    Collections.reverse(reversed);
    for (Node node : reversed) {
      int d = Math.max(nodeDepth.getOrDefault(node, 0), depth.getOrDefault(node.operation(), 0));
      depth.put(node.operation(), d);
      nodeDepth.put(node, d);
      for (KerasTensor in : node.inputs()) {
        nodeDepth.merge(in.kerasHistory().node(), d + 1, Math::max);
      }
    }
    for (KerasTensor in : inputs) {
      Operation input = in.kerasHistory().operation();
      if (!depth.containsKey(input)) {
        depth.put(input, 0);
        firstSeen.put(input, -1);
        nodes.add(in.kerasHistory().node());
        nodeDepth.put(in.kerasHistory().node(), 0);
      }
    }
    Map<Integer, Long> perDepth = new HashMap<>();
    nodeDepth.values().forEach(d -> perDepth.merge(d, 1L, Long::sum));
    sequentialLike = perDepth.values().stream().allMatch(n -> n == 1)
        && nodes.stream().allMatch(n -> n.inputs().size() <= 1)
        && nodes.stream().map(Node::operation).distinct().count() == nodes.size();
    List<Operation> ordered = new ArrayList<>(depth.keySet());
    ordered.sort(Comparator.<Operation>comparingInt(depth::get).reversed()
        .thenComparingInt(firstSeen::get));
    return ordered.stream().map(Layer.class::cast).toList();
  }

  /** Whether Keras's summary would show this graph as a plain stack (no "Connected to"). */
  boolean sequentialLike() {
    return sequentialLike;
  }

  /** Whether {@code node} (a layer call) is part of this graph. */
  boolean contains(Node node) {
    return nodes.contains(node);
  }

  List<KerasTensor> inputs() {
    return inputs;
  }

  /** The inputs' names, as data maps key them. */
  List<String> inputNames() {
    return inputNames;
  }

  /** The outputs' names, as label, loss and metric maps key them and logs prefix them. */
  List<String> outputNames() {
    return outputNames;
  }

  List<KerasTensor> outputs() {
    return outputs;
  }

  /** How the inputs were given: one tensor, a list or a map. */
  Structure inputStructure() {
    return inputStructure;
  }

  /** How the outputs were given: one tensor, a list or a map. */
  Structure outputStructure() {
    return outputStructure;
  }

  /** The layers called, each once, in Keras's order ({@link #orderByDepth}). */
  List<Layer> layers() {
    return operations;
  }

  /** Replays the nodes on concrete {@code values} of the inputs; returns the outputs' values. */
  List<KerasTensor> run(List<KerasTensor> values) {
    if (values.size() != inputs.size()) {
      throw new IllegalArgumentException("The model takes " + inputs.size() + " inputs "
          + inputNames + " but was called on " + values.size());
    }
    Map<KerasTensor, KerasTensor> computed = new IdentityHashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      computed.put(inputs.get(i), values.get(i));
    }
    for (Node node : nodes) {
      if (node.isInput()) {
        continue;
      }
      List<KerasTensor> args = node.inputs().stream().map(computed::get).toList();
      List<KerasTensor> made = ((Layer) node.operation()).applyAll(args, node.training(), node.callArgs());
      for (int i = 0; i < made.size(); i++) {
        computed.put(node.outputs().get(i), made.get(i));
      }
    }
    return outputs.stream().map(computed::get).toList();
  }
}
