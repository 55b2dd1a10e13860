package keras4j.spark;

import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.List;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import keras4j.models.Model;
import keras4j.utils.Threading;
import org.apache.spark.TaskContext;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * The models this JVM (an executor, or the driver) has loaded, by model id: each is loaded once
 * and shared by every task that scores with it, as keras4j's {@code predict} is thread-safe. The
 * models stay for the JVM's life, as Spark keeps a broadcast variable's value. Tasks that train
 * or validate borrow {@linkplain TrainingCopy private copies} instead, kept across rounds.
 */
final class ExecutorModels {
  private static final ConcurrentHashMap<String, Model> MODELS = new ConcurrentHashMap<>();
  private static final AtomicInteger LOADS = new AtomicInteger();
  /** Training copies no task is using, all of one model (guarded by itself). */
  private static final ArrayDeque<TrainingCopy> IDLE = new ArrayDeque<>();
  private static final AtomicInteger TRAINING_LOADS = new AtomicInteger();

  private ExecutorModels() {}

  /**
   * The model of id {@code modelId}, loaded from {@code bytes} the first time this JVM asks for
   * it; the bytes are only read then, so a broadcast's value is fetched once per JVM.
   */
  static Model get(String modelId, Supplier<byte[]> bytes) {
    configureThreads();
    return MODELS.computeIfAbsent(modelId, id -> load(bytes.get()));
  }

  /** How many models this JVM has loaded (for tests: once per model, not per task or row). */
  static int loads() {
    return LOADS.get();
  }

  /** The id of a model file's bytes: their SHA-256, so equal files share one loaded model. */
  static String idOf(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  private static Model load(byte[] bytes) {
    Model model = ModelBytes.load(bytes);
    LOADS.incrementAndGet();
    return model;
  }

  /**
   * Runs {@code work} on a training copy of the model of id {@code modelId} that holds {@code
   * weights} and the optimizer state as loaded: an idle copy of this JVM's, else one loaded from
   * {@code bytes}. The copy is kept for the next task if {@code work} returns, closed if it
   * throws (a copy that failed mid-round is not trusted with another). This JVM keeps idle copies
   * of one model only, the last used: using another model's closes the idle copies of the
   * others, so a finished fit's copies last until the next fit of another model.
   */
  static <T> T withTrainingCopy(String modelId, Supplier<byte[]> bytes,
      List<FloatNdArray> weights, Function<Model, T> work) {
    TrainingCopy copy = borrow(modelId, bytes);
    T result;
    try {
      result = work.apply(copy.start(weights));
    } catch (RuntimeException | Error e) {
      copy.close();
      throw e;
    }
    synchronized (IDLE) {
      IDLE.add(copy);
    }
    return result;
  }

  /** An idle copy of the model of id {@code modelId}, else a new one; closes other models'. */
  private static TrainingCopy borrow(String modelId, Supplier<byte[]> bytes) {
    configureThreads();
    TrainingCopy idle;
    synchronized (IDLE) {
      for (var it = IDLE.iterator(); it.hasNext(); ) {
        TrainingCopy copy = it.next();
        if (!copy.modelId().equals(modelId)) {
          it.remove();
          copy.close();
        }
      }
      idle = IDLE.poll();
    }
    if (idle != null) {
      return idle;
    }
    TrainingCopy loaded = new TrainingCopy(modelId, ModelBytes.load(bytes.get()));
    TRAINING_LOADS.incrementAndGet();
    return loaded;
  }

  /** How many training copies this JVM has loaded (for tests: once per task slot, not round). */
  static int trainingLoads() {
    return TRAINING_LOADS.get();
  }

  /**
   * In a task, TensorFlow's intra-op pool gets the task's cores ({@code spark.task.cpus}) unless
   * the user set a count: several tasks of one executor then share the JVM's one pool without
   * each sizing it to the whole machine. TensorFlow sizes the pool when the first model of the
   * process runs, so this only takes effect when no model has run in this JVM yet.
   */
  private static void configureThreads() {
    TaskContext task = TaskContext.get();
    if (task != null && Threading.getIntraOpParallelismThreads() == 0) {
      Threading.setIntraOpParallelismThreads(task.cpus());
    }
  }
}
