package keras4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keras4j.backend.DType;
import org.tensorflow.ndarray.Shape;

/**
 * One call of an {@link Operation} on symbolic tensors, as Keras's {@code ops/node.py}: the input
 * tensors it was called on and the output tensors it made. A layer called twice (a shared layer)
 * has two nodes; each output's {@link KerasTensor#kerasHistory()} names the node and its position
 * among the outputs, so a model can walk back from its outputs to its inputs.
 */
public final class Node {
  private final Operation operation;
  private final int index;
  private final List<KerasTensor> inputs;
  private final List<KerasTensor> outputs;
  private final Boolean training;
  private final Map<String, Object> callArgs;

  /**
   * Records the {@code index}-th call of {@code operation} on {@code inputs}, making one symbolic
   * output per shape of {@code outputShapes}. The operation keeps the node (Keras's {@code
   * _inbound_nodes}); an input layer's node has no inputs. {@code training} is the flag the call
   * was made with ({@code base(x, training=False)}), or null to follow the enclosing model's.
   *
   * @param operation the layer (or model) that was called
   * @param index the position of this call among {@code operation}'s calls (0 for the first)
   * @param inputs the symbolic tensors the layer was called on
   * @param outputShapes the shapes (batch first) of the call's outputs, one symbolic tensor each
   * @param training the {@code training} flag given to the call, or null when not given
   */
  public Node(Operation operation, int index, List<KerasTensor> inputs, List<Shape> outputShapes,
      Boolean training) {
    this(operation, index, inputs, outputShapes, training, Map.of(), DType.FLOAT32);
  }

  /**
   * Records an input layer's {@code index}-th node: no inputs, one symbolic output of {@code
   * shape} and {@code dtype}, as {@code keras.Input(shape, dtype=...)}.
   *
   * @param operation the input layer
   * @param index the position of this node among the layer's nodes
   * @param shape the output's shape, batch first
   * @param dtype Keras's name of the output's dtype: "float32", "int32", "int64", "bool", "string"
   * @return the node
   */
  public static Node input(Operation operation, int index, Shape shape, String dtype) {
    return new Node(operation, index, List.of(), List.of(shape), null, Map.of(),
        DType.of(dtype, "dtype"));
  }

  /**
   * As {@link #Node(Operation, int, List, List, Boolean)}, for a call given keyword arguments
   * ({@code use_causal_mask=True}), which replaying the call passes again and saving writes in
   * the node's {@code kwargs}.
   *
   * @param operation the layer (or model) that was called
   * @param index the position of this call among {@code operation}'s calls (0 for the first)
   * @param inputs the symbolic tensors the layer was called on
   * @param outputShapes the shapes (batch first) of the call's outputs, one symbolic tensor each
   * @param training the {@code training} flag given to the call, or null when not given
   * @param callArgs the call's other keyword arguments by Keras name, empty when none
   */
  public Node(Operation operation, int index, List<KerasTensor> inputs, List<Shape> outputShapes,
      Boolean training, Map<String, Object> callArgs) {
    this(operation, index, inputs, outputShapes, training, callArgs, DType.FLOAT32);
  }

  private Node(Operation operation, int index, List<KerasTensor> inputs, List<Shape> outputShapes,
      Boolean training, Map<String, Object> callArgs, DType dtype) {
    this.callArgs = Map.copyOf(callArgs);
    this.operation = operation;
    this.index = index;
    this.inputs = List.copyOf(inputs);
    this.training = training;
    List<KerasTensor> made = new ArrayList<>();
    for (int i = 0; i < outputShapes.size(); i++) {
      made.add(
          KerasTensor.symbolic(outputShapes.get(i), dtype,
              new KerasHistory(operation, index, i, this)));
    }
    this.outputs = List.copyOf(made);
  }

  /**
   * The operation (layer) called.
   *
   * @return the operation (layer) called
   */
  public Operation operation() {
    return operation;
  }

  /**
   * The position of this call among the operation's calls.
   *
   * @return the position of this call among the operation's calls
   */
  public int index() {
    return index;
  }

  /**
   * The tensors the operation was called on, in call order.
   *
   * @return the tensors the operation was called on, in call order
   */
  public List<KerasTensor> inputs() {
    return inputs;
  }

  /**
   * The tensors the call made.
   *
   * @return the tensors the call made
   */
  public List<KerasTensor> outputs() {
    return outputs;
  }

  /**
   * The training flag the call was made with, or null to follow the enclosing model's.
   *
   * @return the training flag the call was made with, or null to follow the enclosing model's
   */
  public Boolean training() {
    return training;
  }

  /**
   * The call's keyword arguments other than {@code training}, by Keras name (empty when none).
   *
   * @return the call's keyword arguments other than {@code training}, by Keras name
   */
  public Map<String, Object> callArgs() {
    return callArgs;
  }

  /**
   * Whether this is an input layer's node (no inputs).
   *
   * @return whether this is an input layer's node (no inputs)
   */
  public boolean isInput() {
    return inputs.isEmpty();
  }
}
