package keras4j.backend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
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
import org.tensorflow.types.TFloat32;
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
  /** The same as keras4j's dtypes, for {@link #runRows}. */
  private final List<DType> inputDtypes;
  private final List<Operand<?>> outputs;
  /** The outputs' static shapes, read once: a graph query per predict would cost a native call. */
  private final List<Shape> outputShapes;
  private final List<Op> effects;
  /** The native run of {@link #runRows}, made on first use; absent: the runner path. */
  private volatile Optional<NativeRun> nativeRun;

  /**
   * The outputs of one run, as heap arrays: output {@code k} has {@code values[k]} (row-major)
   * of shape {@code shapes[k]}.
   *
   * @param values each output's values, row-major
   * @param shapes each output's shape
   */
  public record Fetched(float[][] values, Shape[] shapes) {}

  private GraphFunction(ModelGraph graph, List<Placeholder<?>> inputs,
      List<Operand<?>> outputs, List<Op> effects) {
    this.graph = graph;
    this.inputs = List.copyOf(inputs);
    this.inputTypes = inputs.stream().map(input -> input.asOutput().dataType()).toList();
    this.inputDtypes = inputs.stream().map(input -> DType.of(input.asOutput().type())).toList();
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
        throw feedError(i, DType.of(feeds[i].type()));
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

  /**
   * Runs the function on the samples {@code from} to {@code to} of {@code data} (one array per
   * input), for outputs of float32: through {@code TF_SessionRun} directly when it can ({@link
   * NativeRun}), else as {@link #run}.
   */
  public Fetched runRows(List<HostArray> data, int from, int to) {
    if (data.size() != inputs.size()) {
      throw new IllegalArgumentException(
          "This function takes " + inputs.size() + " inputs, got " + data.size());
    }
    for (int i = 0; i < data.size(); i++) {
      if (data.get(i).dtype() != inputDtypes.get(i)) {
        throw feedError(i, data.get(i).dtype());
      }
    }
    Optional<NativeRun> fast = nativeRun;
    if (fast == null) {
      fast = nativeRun();
    }
    if (fast.isPresent()) {
      NativeRun run = fast.get();
      return graph.running(() -> run.run(data, from, to));
    }
    TType[] feeds = new TType[data.size()];
    try {
      for (int i = 0; i < feeds.length; i++) {
        feeds[i] = data.get(i).batch(null, from, to);
      }
      try (Result result = run(feeds)) {
        float[][] values = new float[outputs.size()][];
        Shape[] shapes = new Shape[outputs.size()];
        for (int k = 0; k < values.length; k++) {
          TFloat32 out = (TFloat32) result.get(k);
          shapes[k] = out.shape();
          values[k] = new float[Math.toIntExact(shapes[k].size())];
          out.asRawTensor().data().asFloats().read(values[k]);
        }
        return new Fetched(values, shapes);
      }
    } finally {
      for (TType feed : feeds) {
        if (feed != null) {
          feed.close();
        }
      }
    }
  }

  private synchronized Optional<NativeRun> nativeRun() {
    if (nativeRun == null) {
      nativeRun = graph.running(() -> Optional.ofNullable(
          NativeRun.create(graph, inputs, outputs, effects)));
    }
    return nativeRun;
  }

  /** The error of feeding input {@code i} values of {@code given}, not of its dtype. */
  private IllegalArgumentException feedError(int i, DType given) {
    return new IllegalArgumentException("Input " + i + " takes " + inputDtypes.get(i)
        + " values, got " + given + " ones: feed Java arrays of the input's type (int[] for"
        + " int32, long[] int64, boolean[] bool, String[] string)");
  }
}
