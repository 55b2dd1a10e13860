package keras4j.spark;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import keras4j.models.Model;
import keras4j.utils.Threading;
import org.apache.spark.TaskContext;

/**
 * The models this JVM (an executor, or the driver) has loaded, by model id: each is loaded once
 * and shared by every task that scores with it, as keras4j's {@code predict} is thread-safe. The
 * models stay for the JVM's life, as Spark keeps a broadcast variable's value.
 */
final class ExecutorModels {
  private static final ConcurrentHashMap<String, Model> MODELS = new ConcurrentHashMap<>();
  private static final AtomicInteger LOADS = new AtomicInteger();

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
   * A model of this JVM's own from {@code bytes}, not cached nor shared: a task that trains
   * changes its weights. TensorFlow's threads are set as for a cached model.
   */
  static Model loadPrivate(byte[] bytes) {
    configureThreads();
    return ModelBytes.load(bytes);
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
