package keras4j.tf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import keras4j.core.KerasTensor;
import keras4j.core.TensorLike;
import keras4j.core.Variable;
import keras4j.backend.CoreBridge;
import keras4j.backend.ModelGraph;
import keras4j.backend.Tensor;
import keras4j.backend.Trace;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;

/**
 * Keras's and TensorFlow's {@code tf.GradientTape}, for the body of a {@link TF#function}: it
 * records the ops created while it is open, and {@link #gradient} differentiates a target through
 * them.
 *
 * <pre>{@code
 * var trainStep = TF.function((x, y) -> {
 *   GradientTape tape = new GradientTape();
 *   KerasTensor loss;
 *   try (tape) {
 *     loss = lossFn.apply(y, model.apply(x, true));
 *   }
 *   var grads = tape.gradient(loss, model.trainableVariables());
 *   optimizer.applyGradients(grads, model.trainableVariables());
 *   return loss;
 * });
 * }</pre>
 *
 * <p>As in TensorFlow: trainable variables are watched automatically, other variables and tensors
 * after {@link #watch}; {@code gradient} may be called after {@link #close()} (which only stops
 * the recording), once, or any number of times on a tape made with {@code new
 * GradientTape(true)} (persistent). A source the target does not depend on through recorded ops,
 * or an unwatched one, gets a <b>null</b> gradient, as in Keras; {@code
 * optimizer.applyGradients} skips null gradients.
 *
 * <p>The tape runs on graph mode (TensorFlow Java has no eager tape): {@code gradient} adds
 * TensorFlow's symbolic gradient ops to the function's graph once, at trace time, and every later
 * call of the function re-runs them. Gradients flow through every path of the graph from a
 * reachable source to the target, so compute what you differentiate inside the tape.
 */
public final class GradientTape implements AutoCloseable {
  private final Trace trace;
  private final boolean persistent;
  private final Set<String> opsBefore;
  private Set<String> opsAtClose;
  private final Set<Variable> watchedVariables =
      Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Output<?>> watchedTensors = new HashSet<>();
  private boolean used;

  /** A tape that computes one set of gradients, as {@code tf.GradientTape()}. */
  public GradientTape() {
    this(false);
  }

  /**
   * A tape; a {@code persistent} one computes any number of gradients, as {@code
   * tf.GradientTape(persistent=True)}.
   *
   * @param persistent true to allow several gradient calls on this tape
   */
  public GradientTape(boolean persistent) {
    this.trace = Trace.current("GradientTape");
    this.persistent = persistent;
    this.opsBefore = Trace.opNames(trace.graph().graph());
  }

  /**
   * Makes the tape differentiate with respect to {@code source} (a tensor or variable).
   *
   * @param source the tensor or variable to differentiate with respect to
   */
  public void watch(TensorLike source) {
    checkUsable();
    if (opsAtClose != null) {
      throw new IllegalStateException(
          "This GradientTape was closed and records nothing more: watch tensors inside its try"
              + " block, before computing from them");
    }
    if (source instanceof Variable variable) {
      watchedVariables.add(variable);
    } else {
      watchedTensors.add(CoreBridge.tensor(source.asTensor()).operand().asOutput());
    }
  }

  /**
   * The gradient of {@code target} with respect to {@code source}, or null if unconnected.
   *
   * @param target the value to differentiate, usually a scalar loss
   * @param source a variable or watched tensor
   * @return the gradient, shaped like {@code source}, or null
   */
  public KerasTensor gradient(KerasTensor target, TensorLike source) {
    return gradient(target, List.of(source)).get(0);
  }

  /**
   * The gradients of {@code target} with respect to each of {@code sources} (variables or watched
   * tensors), in order; null for a source the target does not depend on. A non-scalar target is
   * summed first, as in TensorFlow.
   *
   * @param target the value to differentiate, usually a scalar loss
   * @param sources the variables or watched tensors
   * @return one gradient per source, null where unconnected
   */
  public List<KerasTensor> gradient(KerasTensor target, List<? extends TensorLike> sources) {
    checkUsable();
    if (used && !persistent) {
      throw new IllegalStateException(
          "A non-persistent GradientTape can only be used to compute one set of gradients; create"
              + " it with new GradientTape(true) to call gradient() several times");
    }
    used = true;
    ModelGraph graph = trace.graph();
    Output<TFloat32> y = CoreBridge.tensor(target).operand().asOutput();
    List<Output<?>> xs = new ArrayList<>();
    Set<Output<?>> watched = new LinkedHashSet<>();
    for (TensorLike source : sources) {
      Output<?> x;
      if (source instanceof Variable variable) {
        x = trace.read(CoreBridge.storage(variable)).asOutput();
        if (variable.trainable() || watchedVariables.contains(variable)) {
          watched.add(x);
        }
      } else {
        x = CoreBridge.tensor(source.asTensor()).operand().asOutput();
        if (watchedTensors.contains(x)) {
          watched.add(x);
        }
      }
      xs.add(x);
    }
    List<Output<?>> reachable = new ArrayList<>(reachableFrom(y, watched));
    Map<Output<?>, KerasTensor> grads = new HashMap<>();
    if (!reachable.isEmpty()) {
      Gradients dy = graph.tf().gradients(y, reachable);
      for (int i = 0; i < reachable.size(); i++) {
        Operand<TFloat32> g = dy.dy(i);
        grads.put(reachable.get(i), CoreBridge.kerasTensor(new Tensor(graph, g)));
      }
    }
    List<KerasTensor> out = new ArrayList<>();
    for (Output<?> x : xs) {
      out.add(grads.get(x));
    }
    return Collections.unmodifiableList(out);
  }

  /** The sources {@code y} depends on through ops recorded by this tape. */
  private Set<Output<?>> reachableFrom(Output<?> y, Set<Output<?>> sources) {
    Set<Output<?>> found = new LinkedHashSet<>();
    if (sources.contains(y)) {
      found.add(y);
    }
    Deque<GraphOperation> todo = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    GraphOperation start = (GraphOperation) y.op();
    if (recorded(start)) {
      todo.push(start);
      seen.add(start.name());
    }
    while (!todo.isEmpty()) {
      GraphOperation op = todo.pop();
      for (int i = 0; i < op.numInputs(); i++) {
        Output<?> input = op.input(i);
        if (sources.contains(input)) {
          found.add(input);
        }
        GraphOperation producer = (GraphOperation) input.op();
        if (recorded(producer) && seen.add(producer.name())) {
          todo.push(producer);
        }
      }
    }
    return found;
  }

  private boolean recorded(GraphOperation op) {
    String name = op.name();
    return !opsBefore.contains(name) && (opsAtClose == null || opsAtClose.contains(name));
  }

  private void checkUsable() {
    trace.checkOpen("This GradientTape");
  }

  /** Stops recording; {@link #gradient} still works afterwards, as in TensorFlow. */
  @Override
  public void close() {
    if (opsAtClose == null) {
      opsAtClose = Trace.opNames(trace.graph().graph());
    }
  }
}
