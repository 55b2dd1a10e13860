package keras4j.backend;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import keras4j.layers.Layer;
import java.util.function.Supplier;
import keras4j.core.Variable;
import keras4j.utils.Threading;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * One TensorFlow graph and its session: everything a model runs lives here.
 *
 * <p>Layers reach the graph being built through {@link #current()}, set for the duration of a
 * trace by {@link #trace}; the graph itself, its session and the variables' graph twins are
 * private to the backend.
 */
public final class ModelGraph implements AutoCloseable {
  private static final ThreadLocal<Trace> CURRENT = new ThreadLocal<>();
  private static final ThreadLocal<Set<Layer>> RECORDER = new ThreadLocal<>();

  private final Graph graph = new Graph();
  private final Ops tf = Ops.create(graph);
  private final Session session;
  private final Map<Variable, GraphVariable> variables = new IdentityHashMap<>();
  private List<Op> readsWaitFor = List.of();
  private final Map<Variable, Operand<TFloat32>> waitingReads = new IdentityHashMap<>();
  private boolean closed;

  /** A graph whose session uses the thread counts of {@link keras4j.utils.Threading}. */
  public ModelGraph() {
    this(Threading.getIntraOpParallelismThreads(), Threading.getInterOpParallelismThreads());
  }

  /**
   * A graph whose session uses the given intra- and inter-op thread counts (0 = TF's choice; a
   * negative inter-op count runs the ops on the calling thread; a positive one gives the session
   * its own pool of that size, where TF would share the pool of the first session).
   */
  public ModelGraph(int intraOpThreads, int interOpThreads) {
    ConfigProto config =
        ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(intraOpThreads)
            .setInterOpParallelismThreads(interOpThreads)
            .setUsePerSessionThreads(interOpThreads > 0)
            .build();
    session = new Session(graph, config);
  }

  /** The graph being traced on this thread, or throws when none is. */
  public static ModelGraph current() {
    Trace trace = CURRENT.get();
    if (trace == null) {
      throw new IllegalStateException(
          "No model is being traced: call layers on tensors from keras4j.layers.Input, or from"
              + " inside Model.call(); low-level ops and Variable.value() run inside a function"
              + " traced by keras4j.tf.TF.function(...)");
    }
    return trace.graph;
  }

  /** The graph being traced on this thread, or null. */
  public static ModelGraph currentOrNull() {
    Trace trace = CURRENT.get();
    return trace == null ? null : trace.graph;
  }

  /** Throws when a trace of another graph than {@code owner} is running on this thread. */
  public static void checkTraced(ModelGraph owner) {
    Trace trace = CURRENT.get();
    if (trace != null && trace.graph != owner) {
      throw new IllegalArgumentException(
          "This tensor belongs to another graph: it was computed inside another traced function"
              + " or model, and a graph's tensors only exist inside it. Pass values between"
              + " traced functions as arguments and results, and read variables with"
              + " Variable.value() inside the function that uses them");
    }
  }

  /** Whether the trace running on this thread is the training one (Dropout is on). */
  public static boolean training() {
    Trace trace = CURRENT.get();
    return trace != null && trace.training;
  }

  /** Runs {@code body} recording into {@code layers} every layer it calls (a model's own layers). */
  public static <T> T recordingLayers(Set<Layer> layers, Supplier<T> body) {
    Set<Layer> previous = RECORDER.get();
    RECORDER.set(layers);
    try {
      return body.get();
    } finally {
      RECORDER.set(previous);
    }
  }

  /** Notes that {@code layer} was called by the model being traced. */
  public static void recordLayer(Layer layer) {
    Set<Layer> layers = RECORDER.get();
    if (layers != null) {
      layers.add(layer);
    }
  }

  /** Runs {@code body} with this graph current, in training or inference mode. */
  public <T> T trace(boolean training, Supplier<T> body) {
    Trace previous = CURRENT.get();
    CURRENT.set(new Trace(this, training));
    try {
      return body.get();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /** The ops builder of this graph. */
  public Ops tf() {
    checkOpen();
    return tf;
  }

  /** The graph. */
  public Graph graph() {
    return graph;
  }

  /** The session that runs this graph. */
  public Session session() {
    checkOpen();
    return session;
  }

  /** The graph twin of {@code variable}, created (from its current value) on first use. */
  public GraphVariable variable(Variable variable) {
    checkOpen();
    return variables.computeIfAbsent(variable, v -> GraphVariable.create(this, v));
  }

  /** The graph twin of {@code variable} if this graph has one. */
  public GraphVariable existing(Variable variable) {
    return variables.get(variable);
  }

  /**
   * Reads a variable's value inside the graph being traced: in a traced function, after an
   * update of the variable, a read that waits for it; inside {@link #readingAfter}, a read that
   * waits for that call's ops.
   */
  public Operand<TFloat32> read(Variable variable) {
    FunctionTrace function = FunctionTrace.currentOrNull();
    if (function != null && function.graph() == this) {
      return function.read(variable);
    }
    GraphVariable twin = variable(variable);
    if (readsWaitFor.isEmpty()) {
      return twin.read();
    }
    return waitingReads.computeIfAbsent(
        variable, v -> tf.withControlDependencies(readsWaitFor).identity(twin.ref()));
  }

  /**
   * Runs {@code body} with every variable read it builds waiting for {@code ops}: one unrolled
   * training step reads the weights the previous step's updates wrote.
   */
  public <T> T readingAfter(List<Op> ops, Supplier<T> body) {
    List<Op> previous = readsWaitFor;
    Map<Variable, Operand<TFloat32>> previousReads = new IdentityHashMap<>(waitingReads);
    readsWaitFor = List.copyOf(ops);
    waitingReads.clear();
    try {
      return body.get();
    } finally {
      readsWaitFor = previous;
      waitingReads.clear();
      waitingReads.putAll(previousReads);
    }
  }

  /** Makes every twin of this graph hold its variable's value, which another graph may hold. */
  public void claimVariables() {
    for (GraphVariable v : variables.values()) {
      v.variable().claim(v);
    }
  }

  /** The number of operations in the graph. */
  public int size() {
    int count = 0;
    for (var it = graph.operations(); it.hasNext(); it.next()) {
      count++;
    }
    return count;
  }

  /** Whether this graph was closed. */
  public boolean isClosed() {
    return closed;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("This model's graph was closed; the model can no longer run");
    }
  }

  /** Copies every variable's value back to the host, then frees the native graph and session. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    for (GraphVariable v : variables.values()) {
      v.detach();
    }
    closed = true;
    session.close();
    graph.close();
  }

  private record Trace(ModelGraph graph, boolean training) {}
}
