package keras4j.tf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import keras4j.core.KerasTensor;
import keras4j.core.TensorLike;
import keras4j.backend.CoreBridge;
import keras4j.backend.DType;
import keras4j.backend.Eager;
import keras4j.backend.GraphFunction;
import keras4j.backend.ModelGraph;
import keras4j.backend.Tensor;
import keras4j.backend.Trace;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * A function traced into a TensorFlow graph, as {@code tf.function} makes one: made by {@link
 * TF#function}, run by {@link #call}.
 *
 * <p>The first call with arguments of given shapes runs the Java body once, with graph tensors in
 * place of the arguments: the low-level ops, layers, {@link GradientTape} and {@code
 * optimizer.applyGradients} it calls add operations to the function's graph. Later calls with the
 * same shapes only feed the new values and run that graph, so a loop of any length neither
 * re-runs the body nor grows the graph; new shapes trace once more ({@link #tracingCount()}). As
 * with {@code tf.function}, Java side effects in the body (printing, counters) happen while
 * tracing only.
 *
 * <p>The body returns a {@link KerasTensor}, a {@code List} or {@code Map} of them, or null;
 * {@code call} returns the same structure holding eager tensors, whose {@code numpy()} gives the
 * values. Variables the body uses are the function's state: their values move into the function's
 * session when it runs and stay readable with {@code Variable.numpy()}. Layers run in inference
 * mode unless called with {@code apply(x, true)}, as in Keras.
 *
 * <p>Close the function to free its graph and session (variables keep their values). Not
 * thread-safe beyond one call at a time.
 *
 * @param <R> what the body returns
 */
public final class TracedFunction<R> implements AutoCloseable {
  /** A body without arguments. */
  @FunctionalInterface
  public interface Body0<R> {
    /**
     * Builds the function's result.
     *
     * @return the body's result: a tensor, or a list or map of tensors
     */
    R call();
  }

  /** A body of one argument. */
  @FunctionalInterface
  public interface Body1<R> {
    /**
     * Builds the function's result from {@code x}.
     *
     * @param x the argument, a graph tensor
     * @return the body's result: a tensor, or a list or map of tensors
     */
    R call(KerasTensor x);
  }

  /** A body of two arguments, e.g. a training step's {@code (x, y)}. */
  @FunctionalInterface
  public interface Body2<R> {
    /**
     * Builds the function's result from {@code x} and {@code y}.
     *
     * @param x the first argument, a graph tensor
     * @param y the second argument, a graph tensor
     * @return the body's result: a tensor, or a list or map of tensors
     */
    R call(KerasTensor x, KerasTensor y);
  }

  /** A body of three arguments. */
  @FunctionalInterface
  public interface Body3<R> {
    /**
     * Builds the function's result from {@code a}, {@code b} and {@code c}.
     *
     * @param a the first argument, a graph tensor
     * @param b the second argument, a graph tensor
     * @param c the third argument, a graph tensor
     * @return the body's result: a tensor, or a list or map of tensors
     */
    R call(KerasTensor a, KerasTensor b, KerasTensor c);
  }

  private final int arity;
  private final Function<List<KerasTensor>, R> body;
  private final Map<List<Shape>, Concrete> concretes = new HashMap<>();
  private ModelGraph graph;
  private boolean closed;

  TracedFunction(int arity, Function<List<KerasTensor>, R> body) {
    this.arity = arity;
    this.body = body;
  }

  /** One trace: the graph function for one list of argument shapes, and its result's layout. */
  private record Concrete(GraphFunction function, Object template) {}

  /** An output's position in a traced result. */
  private record Leaf(int index) {}

  /**
   * Runs the function on {@code args}: numbers, Java arrays ({@code float[][]}, {@code int[]},
   * ...), NdArrays or eager tensors, one per parameter of the body. Inside another trace, the
   * body runs inline on the arguments there (they may be graph tensors and variables).
   *
   * @param args the function's arguments, one per parameter of the body
   * @return the body's result, with eager tensors holding the computed values
   */
  @SuppressWarnings("unchecked")
  public synchronized R call(Object... args) {
    if (closed) {
      throw new IllegalStateException(
          "This traced function was closed: its graph and session are freed. Create a new one"
              + " with TF.function(...)");
    }
    if (args.length != arity) {
      throw new IllegalArgumentException(
          "This function takes " + arity + " argument(s) but was called with " + args.length);
    }
    if (Trace.currentOrNull() != null) {
      List<KerasTensor> tensors = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        tensors.add(args[i] instanceof TensorLike t
            ? t.asTensor() : KerasTensor.constant(Values.toFloats(args[i], argName(i))));
      }
      return body.apply(tensors);
    }
    List<FloatNdArray> values = new ArrayList<>();
    List<Shape> shapes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      FloatNdArray value = Values.toFloats(args[i], argName(i));
      values.add(value);
      shapes.add(value.shape());
    }
    Concrete concrete = concretes.get(shapes);
    if (concrete == null) {
      concrete = trace(shapes);
      concretes.put(List.copyOf(shapes), concrete);
    }
    return (R) rebuild(concrete.template(), run(concrete, values));
  }

  private static String argName(int i) {
    return "argument " + (i + 1);
  }

  private Concrete trace(List<Shape> shapes) {
    if (graph == null) {
      graph = new ModelGraph();
    }
    Object[] template = new Object[1];
    GraphFunction function = GraphFunction.trace(graph, shapes, false, placeholders -> {
      List<KerasTensor> args = new ArrayList<>();
      for (Tensor input : placeholders) {
        args.add(CoreBridge.kerasTensor(input));
      }
      List<Tensor> outputs = new ArrayList<>();
      template[0] = flatten(body.apply(args), outputs);
      return outputs;
    });
    return new Concrete(function, template[0]);
  }

  /** Replaces each tensor of {@code result} by its position in {@code outputs}. */
  private static Object flatten(Object result, List<Tensor> outputs) {
    if (result == null) {
      return null;
    }
    if (result instanceof KerasTensor tensor) {
      // A tensor returned twice is fetched once: a session refuses two fetches of one output.
      Output<?> output = CoreBridge.tensor(tensor).value().asOutput();
      for (int i = 0; i < outputs.size(); i++) {
        if (outputs.get(i).value().asOutput().equals(output)) {
          return new Leaf(i);
        }
      }
      outputs.add(CoreBridge.tensor(tensor));
      return new Leaf(outputs.size() - 1);
    }
    if (result instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        out.add(flatten(item, outputs));
      }
      return out;
    }
    if (result instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((key, item) -> out.put(key, flatten(item, outputs)));
      return out;
    }
    throw new IllegalArgumentException(
        "A traced function returns a KerasTensor, a List or Map of them, or null; got "
            + result.getClass().getName());
  }

  private List<Eager.Value> run(Concrete concrete, List<FloatNdArray> values) {
    List<Eager.Value> results = new ArrayList<>();
    if (concrete.function().isEmpty()) {
      return results;
    }
    List<TFloat32> fed = new ArrayList<>();
    try {
      for (FloatNdArray value : values) {
        fed.add(TFloat32.tensorOf(value.shape(), value::copyTo));
      }
      try (Result result = concrete.function().run(fed.toArray(TFloat32[]::new))) {
        for (int i = 0; i < concrete.function().outputCount(); i++) {
          org.tensorflow.Tensor out = result.get(i);
          results.add(new Eager.Value(Eager.copy(out), DType.of(((TType) out).type())));
        }
      }
    } finally {
      fed.forEach(TFloat32::close);
    }
    return results;
  }

  private static Object rebuild(Object template, List<Eager.Value> values) {
    if (template instanceof Leaf leaf) {
      return CoreBridge.eagerTensor(values.get(leaf.index()));
    }
    if (template instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        out.add(rebuild(item, values));
      }
      return Collections.unmodifiableList(out);
    }
    if (template instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((key, item) -> out.put(key, rebuild(item, values)));
      return Collections.unmodifiableMap(out);
    }
    return null;
  }

  /**
   * How many times the body was traced: once per distinct list of argument shapes, like {@code
   * tf.function}'s {@code experimental_get_tracing_count()}.
   *
   * @return how many times the body was traced: once per distinct list of argument shapes, like
   *     {@code tf.function}'s {@code experimental_get_tracing_count()}
   */
  public synchronized int tracingCount() {
    return concretes.size();
  }

  /** The number of operations in the function's graph (for checking that it does not grow). */
  synchronized int graphSize() {
    return graph == null ? 0 : graph.size();
  }

  /** Frees the graph and session; the variables keep their last values. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (graph != null) {
      graph.close();
      graph = null;
    }
    concretes.clear();
  }
}
