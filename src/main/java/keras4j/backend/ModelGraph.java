package keras4j.backend;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import keras4j.utils.Threading;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.OptimizerOptions;

/**
 * One TensorFlow graph and its session: everything a model or a traced function runs lives here,
 * with the graph twins of the variables it uses. Ops are added during a {@link Trace}.
 *
 * <p>Thread-safe: building ({@link #building}) excludes running ({@link #running}), any number of
 * runs overlap. TensorFlow Java's session initializes new variables lazily on a run, iterating the
 * graph's initializers, and tracing adds to them: the two must not overlap.
 */
public final class ModelGraph implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Ops tf = Ops.create(graph);
  private final Session session;
  private final Map<VariableStorage, GraphVariable> variables = new IdentityHashMap<>();
  // The twins again, for claimVariables on every run: read without a lock or a copy.
  private final List<GraphVariable> twins = new CopyOnWriteArrayList<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final RunErrors errors = new RunErrors(graph);
  private volatile boolean closed;
  // Counts the builds; initializeVariables runs the initializers once after each, not per run.
  private volatile int builds;
  private volatile int initializedBuilds = -1;
  private final List<Runnable> closeHooks = new CopyOnWriteArrayList<>();
  private static boolean xlaOnCpu;

  /** A graph whose session uses the thread counts of {@link keras4j.utils.Threading}. */
  public ModelGraph() {
    this(Threading.getIntraOpParallelismThreads(), Threading.getInterOpParallelismThreads(),
        false);
  }

  /**
   * A graph whose session uses the given intra- and inter-op thread counts (0 = TF's choice; a
   * negative inter-op count runs the ops on the calling thread; a positive one gives the session
   * its own pool of that size, where TF would share the pool of the first session); with {@code
   * jitCompile}, TensorFlow compiles clusters of the graph's ops with XLA (Keras's {@code
   * jit_compile} on its TensorFlow backend).
   */
  public ModelGraph(int intraOpThreads, int interOpThreads, boolean jitCompile) {
    ConfigProto.Builder config =
        ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(intraOpThreads)
            .setInterOpParallelismThreads(interOpThreads)
            .setUsePerSessionThreads(interOpThreads > 0);
    if (jitCompile) {
      allowXlaOnCpu();
      config.setGraphOptions(GraphOptions.newBuilder().setOptimizerOptions(
          OptimizerOptions.newBuilder().setGlobalJitLevel(OptimizerOptions.GlobalJitLevel.ON_1)));
    }
    session = new Session(graph, config.build());
  }

  /**
   * TensorFlow clusters ops for XLA on the CPU only when asked process-wide (its {@code
   * --tf_xla_cpu_global_jit} flag, otherwise read from the environment once): set once, it lets
   * sessions that ask for XLA use it and leaves the others as they were (their jit level is off).
   */
  private static synchronized void allowXlaOnCpu() {
    if (!xlaOnCpu) {
      org.tensorflow.internal.c_api.global.tensorflow.TF_SetTfXlaCpuGlobalJit((byte) 1);
      xlaOnCpu = true;
    }
  }

  /** Runs {@code body}, which adds ops to the graph, while nothing else builds or runs. */
  public <T> T building(Supplier<T> body) {
    lock.writeLock().lock();
    try {
      return body.get();
    } finally {
      builds++;
      lock.writeLock().unlock();
    }
  }

  /** Runs {@code body}, which runs the session, while nothing builds (other runs may overlap). */
  public <T> T running(Supplier<T> body) {
    lock.readLock().lock();
    try {
      return body.get();
    } finally {
      lock.readLock().unlock();
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

  /**
   * Labels the op computing {@code output} as the output of {@code layer} (how a layer describes
   * itself), so that a run-time error of an op feeding it names the layer; an inner layer's label
   * (a nested model's last layer) wins.
   */
  public void labelLayerOutput(Tensor output, String layer) {
    errors.label(output.value(), layer);
  }

  /** {@code e}, raised running this graph, as a keras4j exception naming the failing layer. */
  RuntimeException runError(RuntimeException e) {
    return errors.translate(e);
  }

  /** The graph twin of {@code variable}, created (from its current value) on first use. */
  public GraphVariable variable(VariableStorage variable) {
    return building(() -> {
      checkOpen();
      return variables.computeIfAbsent(variable, v -> {
        GraphVariable twin = GraphVariable.create(this, v);
        twins.add(twin);
        return twin;
      });
    });
  }

  /** The graph twin of {@code variable} if this graph has one. */
  public GraphVariable existing(VariableStorage variable) {
    return running(() -> variables.get(variable));
  }

  /** Makes every twin of this graph hold its variable's value, which another graph may hold. */
  public void claimVariables() {
    for (GraphVariable v : twins) {
      v.variable().claim(v);
    }
  }

  /**
   * Runs the initializers of the variables added since the last call (TensorFlow Java's runner
   * does so on each run, behind the session's monitor). Call it while {@link #running running}:
   * no build can add variables meanwhile.
   */
  void initializeVariables() {
    int built = builds;
    if (initializedBuilds != built) {
      session().initialize();
      initializedBuilds = built;
    }
  }

  /** Runs {@code hook} when the graph closes (under the build lock: no run is under way). */
  void onClose(Runnable hook) {
    closeHooks.add(hook);
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
    building(() -> {
      if (!closed) {
        for (GraphVariable v : variables.values()) {
          v.detach();
        }
        closed = true;
        closeHooks.forEach(Runnable::run);
        session.close();
        graph.close();
      }
      return null;
    });
  }
}
