package keras4j.backend;

import static java.lang.System.Logger.Level.WARNING;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.optimizers.Optimizer;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * One trace of a function ({@code keras4j.tf.TF.function}): the ops its body adds to the graph,
 * and the variable updates ("effects") that must run on every call although nothing fetches them.
 *
 * <p>Updates keep program order, as {@code tf.function}'s automatic control dependencies do: an
 * update waits for every op of the trace that read the variables it writes, and a read of a
 * variable after its update waits for the update.
 */
public final class FunctionTrace {
  private static final System.Logger LOG = System.getLogger(FunctionTrace.class.getName());
  private static final ThreadLocal<FunctionTrace> CURRENT = new ThreadLocal<>();

  private final ModelGraph graph;
  private final Set<String> opsBefore;
  private final List<Op> effects = new ArrayList<>();
  private final Map<Variable, Op> lastUpdate = new IdentityHashMap<>();
  private final Map<Variable, Operand<TFloat32>> readsAfterUpdate = new IdentityHashMap<>();
  private boolean finished;

  private FunctionTrace(ModelGraph graph) {
    this.graph = graph;
    this.opsBefore = opNames(graph.graph());
  }

  /**
   * Runs {@code body} as a trace into {@code graph}, layers in inference mode as Keras's default,
   * and adds to {@code effectsOut} the ops every call must run (the variable updates).
   */
  public static <T> T run(ModelGraph graph, Supplier<T> body, List<Op> effectsOut) {
    FunctionTrace trace = new FunctionTrace(graph);
    FunctionTrace previous = CURRENT.get();
    CURRENT.set(trace);
    try {
      T result = graph.trace(false, body);
      effectsOut.addAll(trace.effects);
      return result;
    } finally {
      trace.finished = true;
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /** The function trace running on this thread, or null. */
  public static FunctionTrace currentOrNull() {
    return CURRENT.get();
  }

  /** The function trace running on this thread; {@code what} needs one, and says so if none. */
  public static FunctionTrace current(String what) {
    FunctionTrace trace = CURRENT.get();
    if (trace == null) {
      throw new IllegalStateException(
          what + " works inside a traced function: put the training step in the body of"
              + " keras4j.tf.TF.function((x, y) -> { ... }) and call the function once per step");
    }
    return trace;
  }

  /** The graph being traced. */
  public ModelGraph graph() {
    return graph;
  }

  /** The names of the operations of {@code graph} now. */
  public static Set<String> opNames(Graph graph) {
    Set<String> names = new HashSet<>();
    for (var it = graph.operations(); it.hasNext(); ) {
      names.add(it.next().name());
    }
    return names;
  }

  /** Whether {@code op} was added by this trace. */
  private boolean added(GraphOperation op) {
    return !opsBefore.contains(op.name());
  }

  /** The current read of {@code variable}: after an update in this trace, one waiting for it. */
  Operand<TFloat32> read(Variable variable) {
    GraphVariable twin = graph.variable(variable);
    Op update = lastUpdate.get(variable);
    if (update == null) {
      return twin.read();
    }
    return readsAfterUpdate.computeIfAbsent(
        variable, v -> graph.tf().withControlDependencies(List.of(update)).identity(twin.ref()));
  }

  /**
   * Keras's {@code optimizer.apply_gradients}: adds the update of {@code variables} by {@code
   * gradients} as an effect of this trace. Null gradients (unconnected variables) are skipped
   * with a warning, as Keras does; all null is an error.
   */
  public void applyGradients(
      Optimizer optimizer, List<KerasTensor> gradients, List<Variable> variables) {
    checkOpen("Optimizer.applyGradients");
    if (gradients.size() != variables.size()) {
      throw new IllegalArgumentException(
          "applyGradients got " + gradients.size() + " gradients for " + variables.size()
              + " variables; give one gradient per variable, in the same order");
    }
    List<Operand<TFloat32>> grads = new ArrayList<>();
    List<Variable> vars = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Variable v = variables.get(i);
      if (gradients.get(i) == null) {
        skipped.add(v.name());
        continue;
      }
      Operand<TFloat32> g = gradients.get(i).tensor().operand();
      if (!g.shape().isCompatibleWith(v.shape())) {
        throw new IllegalArgumentException(
            "The gradient for variable '" + v.name() + "' has shape " + g.shape()
                + " but the variable has shape " + v.shape()
                + "; pass the gradients in the order of the variables");
      }
      grads.add(g);
      vars.add(v);
    }
    if (vars.isEmpty()) {
      throw new IllegalArgumentException(
          "No gradients provided for any variable " + skipped + ": the loss does not depend on"
              + " them (was it computed inside the GradientTape, from these variables?)");
    }
    if (!skipped.isEmpty()) {
      LOG.log(WARNING, "Gradients do not exist for variables {0} when minimizing the loss",
          skipped);
    }
    Collection<Variable> touched = new LinkedHashSet<>(vars);
    Op update = optimizer.buildUpdate(graph, waitingFor(touched, grads), vars);
    touched.addAll(optimizer.variables());
    addEffect(update, touched);
  }

  /** Adds {@code update} of {@code variables} as an effect: later reads of them wait for it. */
  private void addEffect(Op update, Collection<Variable> variables) {
    effects.add(update);
    for (Variable v : variables) {
      lastUpdate.put(v, update);
      readsAfterUpdate.remove(v);
    }
  }

  /**
   * {@code values} gated on every op of this trace that reads one of {@code variables} and on
   * their previous updates, so that an update computed from them runs after all of those.
   */
  private List<Operand<TFloat32>> waitingFor(
      Collection<Variable> variables, List<Operand<TFloat32>> values) {
    List<Operation> before = new ArrayList<>();
    for (Variable v : variables) {
      Op update = lastUpdate.get(v);
      if (update != null) {
        before.add(update.op());
      }
      Operand<TFloat32> read = readsAfterUpdate.get(v);
      if (read == null && update == null && graph.existing(v) != null) {
        read = graph.existing(v).read();
      }
      if (read != null) {
        for (GraphOperation reader : ((GraphOperation) read.op()).consumers()) {
          if (added(reader)) {
            before.add(reader);
          }
        }
      }
    }
    if (before.isEmpty()) {
      return values;
    }
    Ops gated = graph.tf().withControlDependencyOps(before);
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (Operand<TFloat32> value : values) {
      out.add(gated.identity(value));
    }
    return out;
  }

  /** Throws if this trace has ended: {@code what} was kept from an earlier trace. */
  public void checkOpen(String what) {
    if (finished) {
      throw new IllegalStateException(
          what + " belongs to a trace of TF.function that has ended; create it inside the"
              + " function's body, which keras4j traces once and then re-runs");
    }
    if (CURRENT.get() != this) {
      throw new IllegalStateException(what + " belongs to another traced function");
    }
  }
}
