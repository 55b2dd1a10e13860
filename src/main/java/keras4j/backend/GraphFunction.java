package keras4j.backend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.proto.DataType;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.family.TType;

/**
 * A function traced once into a {@link ModelGraph} and run any number of times, as a {@code
 * tf.function}'s concrete function: inputs (float32 unless given dtypes) fed to placeholders,
 * the outputs fetched, and the effects (variable updates) run on every call. {@code fit}'s steps, {@code predict} and
 * {@code TF.function} are all built this way. Runs may overlap on several threads.
 */
public final class GraphFunction {
  private final ModelGraph graph;
  private final List<Placeholder<?>> inputs;
  /** The placeholders' dtypes, read once: {@link #run} checks every batch's feeds against them. */
  private final List<DataType> inputTypes;
  private final List<Operand<?>> outputs;
  /** The outputs' static shapes, read once: a graph query per predict would cost a native call. */
  private final List<Shape> outputShapes;
  private final List<Op> effects;

  private GraphFunction(ModelGraph graph, List<Placeholder<?>> inputs,
      List<Operand<?>> outputs, List<Op> effects) {
    this.graph = graph;
    this.inputs = List.copyOf(inputs);
    this.inputTypes = inputs.stream().map(input -> input.asOutput().dataType()).toList();
    this.outputs = List.copyOf(outputs);
    this.outputShapes = outputs.stream().map(Operand::shape).toList();
    this.effects = List.copyOf(effects);
  }

  /**
   * Traces {@code body} into {@code graph} on placeholders of {@code inputShapes} (unknown
   * dimensions -1), layers in training mode or not; {@code body} returns the tensors to fetch.
   */
  public static GraphFunction trace(ModelGraph graph, List<Shape> inputShapes, boolean training,
      Function<List<Tensor>, List<Tensor>> body) {
    return trace(graph, inputShapes,
        Collections.nCopies(inputShapes.size(), DType.FLOAT32), training, body);
  }

  /** As {@link #trace(ModelGraph, List, boolean, Function)}, on placeholders of {@code dtypes}. */
  public static GraphFunction trace(ModelGraph graph, List<Shape> inputShapes,
      List<DType> dtypes, boolean training, Function<List<Tensor>, List<Tensor>> body) {
    Trace.Result<GraphFunction> traced = Trace.run(graph, training, () -> {
      List<Placeholder<?>> placeholders = new ArrayList<>();
      List<Tensor> args = new ArrayList<>();
      for (int i = 0; i < inputShapes.size(); i++) {
        Placeholder<?> input = graph.tf().placeholder(dtypes.get(i).typed(),
            Placeholder.shape(inputShapes.get(i)));
        placeholders.add(input);
        args.add(new Tensor(graph, input));
      }
      List<Operand<?>> fetches = new ArrayList<>();
      for (Tensor out : body.apply(args)) {
        Operand<?> fetch = out.value();
        // A session refuses to fetch a tensor it is fed: an argument returned as it is comes
        // out through an Identity.
        if (placeholders.stream().anyMatch(p -> p.asOutput().equals(fetch.asOutput()))) {
          fetches.add(graph.tf().identity(fetch));
        } else {
          fetches.add(fetch);
        }
      }
      return new GraphFunction(graph, placeholders, fetches, List.of());
    });
    GraphFunction f = traced.value();
    return new GraphFunction(graph, f.inputs, f.outputs, traced.effects());
  }

  /** Whether running it would do nothing: no outputs and no effects. */
  public boolean isEmpty() {
    return outputs.isEmpty() && effects.isEmpty();
  }

  /** The number of outputs. */
  public int outputCount() {
    return outputs.size();
  }

  /** The static shape of output {@code i} (unknown dimensions -1). */
  public Shape outputShape(int i) {
    return outputShapes.get(i);
  }

  /**
   * Runs the function on {@code feeds} (one tensor per input, owned by the caller); returns the
   * outputs, which the caller closes. TensorFlow's run-time errors (a shape the graph cannot take)
   * become keras4j exceptions naming the layer ({@link RunErrors}).
   */
  public Result run(TType... feeds) {
    if (feeds.length != inputs.size()) {
      throw new IllegalArgumentException(
          "This function takes " + inputs.size() + " inputs, got " + feeds.length);
    }
    for (int i = 0; i < feeds.length; i++) {
      if (feeds[i].dataType() != inputTypes.get(i)) {
        throw new IllegalArgumentException("Input " + i + " takes " + DType.of(inputs.get(i)
            .asOutput().type()) + " values, got " + DType.of(feeds[i].type()) + " ones: feed"
            + " Java arrays of the input's type (int[] for int32, long[] int64, boolean[] bool,"
            + " String[] string)");
      }
    }
    return graph.running(() -> {
      graph.claimVariables();
      Session.Runner runner = graph.session().runner();
      for (int i = 0; i < feeds.length; i++) {
        runner.feed(inputs.get(i), feeds[i]);
      }
      effects.forEach(runner::addTarget);
      outputs.forEach(runner::fetch);
      try {
        return runner.run();
      } catch (TensorFlowException | TFInvalidArgumentException e) {
        throw graph.runError(e);
      }
    });
  }
}
