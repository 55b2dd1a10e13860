package keras4j.backend;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_AllocateTensor;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_BOOL;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteTensor;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_Dim;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_FLOAT;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GetCode;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_INT32;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_INT64;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NumDims;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_OK;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SessionRun;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_TensorData;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_TensorType;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.PointerScope;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.internal.c_api.TF_Operation;
import org.tensorflow.internal.c_api.TF_Output;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.internal.c_api.TF_Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;

/**
 * One {@link GraphFunction}'s feeds and fetches run through TensorFlow's C API ({@code
 * TF_SessionRun}) directly, for {@code predict}: {@link Session.Runner} builds lists, arrays and
 * JavaCPP pointers on every call (each pointer a check of the process's memory), where this
 * resolves the feed and fetch outputs once and copies the rows straight into the input tensors'
 * native memory and the outputs' straight into heap arrays.
 *
 * <p>Thread-safe: runs take a {@link Slot} of pointer arrays from a pool, so concurrent runs
 * share only the read-only outputs. Every pointer kept is allocated outside any caller's {@link
 * PointerScope} and freed when the graph closes; every tensor of a run is deleted before it
 * returns.
 *
 * <p>TensorFlow Java keeps the session's native handle private: reading it needs {@code
 * --add-opens tensorflow/org.tensorflow=keras4j} on the module path (on the class path it is
 * open). Without it, or with {@code -Dkeras4j.nativePredict=false}, {@link #create} returns
 * null and predictions take the runner path.
 */
final class NativeRun {
  private static final System.Logger LOG = System.getLogger(NativeRun.class.getName());
  /** The session's native handle field, or null where reflection is refused. */
  private static final Field SESSION_HANDLE = sessionHandleField();
  /** Runs taken through this path (tests check that it is used). */
  static final LongAdder RUNS = new LongAdder();

  private final ModelGraph graph;
  private final TF_Session session;
  private final int[] feedTypes;
  private final TF_Output feeds;
  private final TF_Output fetches;
  private final PointerPointer<TF_Operation> targets;
  private final int feedCount;
  private final int fetchCount;
  private final int targetCount;
  private final Queue<Slot> idle = new ConcurrentLinkedQueue<>();
  /** Every pointer this run allocated, freed on {@link #close}. */
  private final List<Pointer> owned = new ArrayList<>();

  private NativeRun(ModelGraph graph, TF_Session session, List<? extends Operand<?>> inputs,
      List<? extends Operand<?>> outputs, List<Op> effects) {
    this.graph = graph;
    this.session = session;
    this.feedCount = inputs.size();
    this.fetchCount = outputs.size();
    this.targetCount = effects.size();
    this.feedTypes = inputs.stream().mapToInt(i -> i.asOutput().dataType().getNumber()).toArray();
    this.feeds = keep(() -> new TF_Output(Math.max(1, feedCount)));
    this.fetches = keep(() -> new TF_Output(Math.max(1, fetchCount)));
    this.targets = keep(() -> new PointerPointer<>(Math.max(1, targetCount)));
    for (int i = 0; i < feedCount; i++) {
      resolve(feeds, i, inputs.get(i).asOutput());
    }
    for (int i = 0; i < fetchCount; i++) {
      resolve(fetches, i, outputs.get(i).asOutput());
    }
    for (int i = 0; i < targetCount; i++) {
      targets.put(i, ((GraphOperation) effects.get(i).op()).getUnsafeNativeHandle());
    }
  }

  /**
   * The native run of {@code inputs} (fed numbers: float32, int32, int64 or bool) to {@code
   * outputs} (float32) and {@code effects} in {@code graph}'s session; null where it cannot be
   * had (the property is off, reflection is refused, a feed or fetch of another dtype). Call it
   * while {@link ModelGraph#running running} the graph.
   */
  static NativeRun create(ModelGraph graph, List<? extends Operand<?>> inputs,
      List<? extends Operand<?>> outputs, List<Op> effects) {
    if (SESSION_HANDLE == null || "false".equals(System.getProperty("keras4j.nativePredict"))
        || !inputs.stream().allMatch(i -> elementSize(i.asOutput().dataType().getNumber()) > 0)
        || !outputs.stream().allMatch(o -> o.asOutput().dataType().getNumber() == TF_FLOAT)) {
      return null;
    }
    TF_Session handle;
    try {
      handle = (TF_Session) SESSION_HANDLE.get(graph.session());
    } catch (IllegalAccessException e) {
      return null; // setAccessible succeeded, so not expected: take the runner path
    }
    NativeRun run = new NativeRun(graph, handle, inputs, outputs, effects);
    graph.onClose(run::close);
    return run;
  }

  private static Field sessionHandleField() {
    try {
      Field field = Session.class.getDeclaredField("nativeHandle");
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException | RuntimeException e) {
      // InaccessibleObjectException on the module path without --add-opens: predict works, as
      // fast as TF Java's runner.
      LOG.log(System.Logger.Level.DEBUG, "keras4j predicts through Session.runner(): TensorFlow"
          + " Java's session handle is not readable (" + e + "); on the module path, add"
          + " --add-opens tensorflow/org.tensorflow=keras4j for the faster native path");
      return null;
    }
  }

  private void resolve(TF_Output array, int i, Output<?> output) {
    array.position(i).oper(((GraphOperation) output.op()).getUnsafeNativeHandle())
        .index(output.index());
    array.position(0);
  }

  /**
   * A new pointer, kept until {@link #close}: allocated in a scope of its own and retained, so
   * that closing a {@link PointerScope} the caller has open does not free it.
   */
  private <P extends Pointer> P keep(Supplier<P> allocate) {
    PointerScope scope = new PointerScope();
    P pointer;
    try {
      pointer = allocate.get().retainReference();
    } finally {
      scope.close();
    }
    synchronized (owned) {
      owned.add(pointer);
    }
    return pointer;
  }

  /**
   * Runs on the samples {@code from} to {@code to} of {@code data} (one array per input, of the
   * inputs' dtypes) and returns the outputs. Call it while {@link ModelGraph#running running}.
   */
  GraphFunction.Fetched run(List<HostArray> data, int from, int to) {
    // The caller's read lock keeps the session open (TF Java's close waits only for its own
    // runner's runs, and a graph closes under the build lock); a closed graph is refused here.
    graph.session();
    graph.initializeVariables();
    graph.claimVariables();
    Slot slot = idle.poll();
    if (slot == null) {
      slot = new Slot();
    }
    try {
      for (int i = 0; i < feedCount; i++) {
        HostArray array = data.get(i);
        long[] dims = array.batchShape(to - from).asArray();
        long bytes = (long) (to - from) * array.sampleSize() * elementSize(feedTypes[i]);
        TF_Tensor tensor = TF_AllocateTensor(feedTypes[i], dims, dims.length, bytes);
        slot.inputs[i] = tensor;
        slot.inputValues.put(i, tensor);
        if (bytes > 0) {
          array.write(from, to, memory(tensor, bytes));
        }
      }
      TF_SessionRun(session, null, feeds, slot.inputValues, feedCount, fetches,
          slot.outputValues, fetchCount, targets, targetCount, null, slot.status);
      if (TF_GetCode(slot.status) != TF_OK) {
        try {
          slot.status.throwExceptionIfNotOK();
        } catch (RuntimeException e) {
          throw graph.runError(e);
        }
      }
      RUNS.increment();
      float[][] values = new float[fetchCount][];
      Shape[] shapes = new Shape[fetchCount];
      for (int k = 0; k < fetchCount; k++) {
        TF_Tensor out = slot.outputValues.get(TF_Tensor.class, k);
        if (TF_TensorType(out) != TF_FLOAT) {
          throw new IllegalStateException("Output " + k + " is not float32");
        }
        long[] dims = new long[TF_NumDims(out)];
        for (int d = 0; d < dims.length; d++) {
          dims[d] = TF_Dim(out, d);
        }
        shapes[k] = Shape.of(dims);
        values[k] = new float[Math.toIntExact(shapes[k].size())];
        if (values[k].length > 0) {
          memory(out, 4L * values[k].length).asFloatBuffer().get(values[k]);
        }
      }
      return new GraphFunction.Fetched(values, shapes);
    } finally {
      slot.clear();
      idle.offer(slot);
    }
  }

  /**
   * The {@code bytes} of {@code tensor}'s memory as a buffer in native order: NIO's bulk copies
   * go straight between it and a Java array, where JavaCPP's array puts and gets copy the array
   * once more through JNI.
   */
  private static ByteBuffer memory(TF_Tensor tensor, long bytes) {
    return new BytePointer(TF_TensorData(tensor)).capacity(bytes).asByteBuffer()
        .order(ByteOrder.nativeOrder());
  }

  /** The bytes of one value of a TF_DataType keras4j feeds natively, 0 for others. */
  private static int elementSize(int dtype) {
    return switch (dtype) {
      case TF_FLOAT, TF_INT32 -> 4;
      case TF_INT64 -> 8;
      case TF_BOOL -> 1;
      default -> 0;
    };
  }

  /** Frees the pointers (the graph is closing: no run is under way). */
  private void close() {
    synchronized (owned) {
      owned.forEach(Pointer::releaseReference);
      owned.clear();
    }
    idle.clear();
  }

  /** The mutable state of one run: the tensor pointer arrays and status. */
  private final class Slot {
    final PointerPointer<TF_Tensor> inputValues =
        keep(() -> new PointerPointer<>(Math.max(1, feedCount)));
    final PointerPointer<TF_Tensor> outputValues =
        keep(() -> new PointerPointer<>(Math.max(1, fetchCount)));
    final TF_Status status = keep(TF_Status::newStatus);
    final TF_Tensor[] inputs = new TF_Tensor[feedCount];

    Slot() {
      // JavaCPP leaves the array uninitialised; clear() keeps every entry null between runs.
      for (int k = 0; k < fetchCount; k++) {
        outputValues.put(k, null);
      }
    }

    /** Deletes the run's tensors: the inputs, and the outputs TensorFlow handed over. */
    void clear() {
      for (int i = 0; i < feedCount; i++) {
        if (inputs[i] != null) {
          TF_DeleteTensor(inputs[i]);
          inputs[i] = null;
        }
      }
      for (int k = 0; k < fetchCount; k++) {
        TF_Tensor out = outputValues.get(TF_Tensor.class, k);
        if (out != null && !out.isNull()) {
          TF_DeleteTensor(out);
          outputValues.put(k, null);
        }
      }
    }
  }
}
