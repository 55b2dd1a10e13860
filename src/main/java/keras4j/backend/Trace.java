package keras4j.backend;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * One trace of a function into a {@link ModelGraph}: a {@code fit} step, a predict function, the
 * body of {@code TF.function}. It knows the ops its body adds, whether layers run in training
 * mode, and the variable updates ("effects") that must run on every execution although nothing
 * fetches them.
 *
 * <p>Updates keep program order, as {@code tf.function}'s automatic control dependencies do: an
 * update waits for every op of the trace that read the variables it writes, and a read of a
 * variable after its update waits for the update. So steps unrolled in one trace
 * ({@code stepsPerExecution}) each see the weights the previous one wrote.
 *
 * <p>A trace {@link ModelGraph#building builds}: one thread traces a graph at a time, and no run
 * of it overlaps.
 */
public final class Trace {
  private static final ThreadLocal<Trace> CURRENT = new ThreadLocal<>();

  private final ModelGraph graph;
  private boolean training;
  private DType autocast = DType.FLOAT32;
  private final Set<String> opsBefore;
  private final List<Op> effects = new ArrayList<>();
  private final Map<VariableStorage, Op> lastUpdate = new IdentityHashMap<>();
  private final Map<VariableStorage, Operand<TFloat32>> readsAfterUpdate = new IdentityHashMap<>();
  private boolean finished;

  private Trace(ModelGraph graph, boolean training) {
    this.graph = graph;
    this.training = training;
    this.opsBefore = opNames(graph.graph());
  }

  /** What a trace built: the body's result and the ops every execution must run. */
  public record Result<T>(T value, List<Op> effects) {}

  /** Runs {@code body} as a new trace into {@code graph}, layers in training mode or not. */
  public static <T> Result<T> run(ModelGraph graph, boolean training, Supplier<T> body) {
    return graph.building(() -> {
      Trace trace = new Trace(graph, training);
      Trace previous = CURRENT.get();
      CURRENT.set(trace);
      try {
        T value = body.get();
        return new Result<>(value, List.copyOf(trace.effects));
      } finally {
        trace.finished = true;
        if (previous == null) {
          CURRENT.remove();
        } else {
          CURRENT.set(previous);
        }
      }
    });
  }

  /** The trace running on this thread, or null. */
  public static Trace currentOrNull() {
    return CURRENT.get();
  }

  /**
   * Runs {@code body} as if no trace ran on this thread, so that its ops run at once: how weight
   * initializers compute values while a layer builds inside a traced function.
   */
  public static <T> T outside(Supplier<T> body) {
    Trace previous = CURRENT.get();
    CURRENT.remove();
    try {
      return body.get();
    } finally {
      if (previous != null) {
        CURRENT.set(previous);
      }
    }
  }

  /** The trace running on this thread; {@code what} needs one, and the message says how. */
  public static Trace current(String what) {
    Trace trace = CURRENT.get();
    if (trace == null) {
      throw new IllegalStateException(
          what + " works inside a traced function: in a layer's or model's call(), in a"
              + " trainStep, or in the body of keras4j.tf.TF.function((x, y) -> { ... })");
    }
    return trace;
  }

  /** Whether the trace running on this thread runs layers in training mode (Dropout on). */
  public static boolean training() {
    Trace trace = CURRENT.get();
    return trace != null && trace.training;
  }

  /** Runs {@code body} in this trace with layers in training mode or not (Keras's {@code training=}). */
  public <T> T withTraining(boolean isTraining, Supplier<T> body) {
    boolean previous = training;
    training = isTraining;
    try {
      return body.get();
    } finally {
      training = previous;
    }
  }

  /**
   * Runs {@code body} with float32 variables read as {@code dtype}, Keras's {@code
   * AutocastScope}: a layer of a mixed precision policy computes with its float32 variables cast
   * to its compute dtype, and their gradients flow back through the cast in float32.
   */
  public <T> T withAutocast(DType dtype, Supplier<T> body) {
    DType previous = autocast;
    autocast = dtype;
    try {
      return body.get();
    } finally {
      autocast = previous;
    }
  }

  /** The dtype variables are read as now: float32 unless a layer {@link #withAutocast casts}. */
  public DType autocast() {
    return autocast;
  }

  /** The graph being traced. */
  public ModelGraph graph() {
    return graph;
  }

  /** The ops builder of the graph being traced. */
  public Ops tf() {
    return graph.tf();
  }

  /** The names of the operations of {@code graph} now. */
  public static Set<String> opNames(Graph graph) {
    Set<String> names = new HashSet<>();
    for (var it = graph.operations(); it.hasNext(); ) {
      names.add(it.next().name());
    }
    return names;
  }

  private boolean added(GraphOperation op) {
    return !opsBefore.contains(op.name());
  }

  /** The current value of {@code variable}: after an update in this trace, a read waiting for it. */
  public Operand<TFloat32> read(VariableStorage variable) {
    checkOpen("Reading a variable");
    GraphVariable twin = graph.variable(variable);
    Op update = lastUpdate.get(variable);
    if (update == null) {
      return twin.read();
    }
    return readsAfterUpdate.computeIfAbsent(
        variable, v -> graph.tf().withControlDependencies(List.of(update)).identity(twin.ref()));
  }

  /** {@code variable = value}, on every execution, in program order; returns the new value. */
  public Operand<TFloat32> assign(VariableStorage variable, Operand<TFloat32> value) {
    GraphVariable twin = graph.variable(variable);
    Operand<TFloat32> out = tf().assign(twin.ref(), gate(List.of(variable), value));
    effect(out, List.of(variable));
    return out;
  }

  /** {@code variable += value}, on every execution, in program order; returns the new value. */
  public Operand<TFloat32> assignAdd(VariableStorage variable, Operand<TFloat32> value) {
    GraphVariable twin = graph.variable(variable);
    Operand<TFloat32> out = tf().assignAdd(twin.ref(), gate(List.of(variable), value));
    effect(out, List.of(variable));
    return out;
  }

  /** {@code variable -= value}, on every execution, in program order; returns the new value. */
  public Operand<TFloat32> assignSub(VariableStorage variable, Operand<TFloat32> value) {
    GraphVariable twin = graph.variable(variable);
    Operand<TFloat32> out = tf().assignSub(twin.ref(), gate(List.of(variable), value));
    effect(out, List.of(variable));
    return out;
  }

  /**
   * Adds {@code update}, an op writing {@code variables} in place (a fused optimizer kernel), as
   * an effect: later reads of them wait for it. Build its inputs with {@link #gate}.
   */
  public void effect(Op update, Collection<VariableStorage> variables) {
    checkOpen("A variable update");
    effects.add(update);
    for (VariableStorage v : variables) {
      lastUpdate.put(v, update);
      readsAfterUpdate.remove(v);
    }
  }

  /**
   * {@code value} gated on every op of this trace that reads one of {@code variables} and on their
   * previous updates, so that an update computed from it runs after all of those.
   */
  public <T extends org.tensorflow.types.family.TType> Operand<T> gate(
      Collection<VariableStorage> variables, Operand<T> value) {
    List<Operation> before = new ArrayList<>();
    for (VariableStorage v : variables) {
      Op update = lastUpdate.get(v);
      if (update != null) {
        before.add(update.op());
      }
      Operand<TFloat32> read = readsAfterUpdate.get(v);
      GraphVariable existing = graph.existing(v);
      if (read == null && update == null && existing != null) {
        read = existing.read();
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
      return value;
    }
    return graph.tf().withControlDependencyOps(before).identity(value);
  }

  /** Throws if this trace has ended or is not the one running: {@code what} was kept too long. */
  public void checkOpen(String what) {
    if (finished) {
      throw new IllegalStateException(
          what + " belongs to a trace that has ended; create it inside the traced function's"
              + " body, which keras4j traces once and then re-runs");
    }
    if (CURRENT.get() != this) {
      throw new IllegalStateException(what + " belongs to another traced function");
    }
  }
}
