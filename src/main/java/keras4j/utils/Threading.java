package keras4j.utils;

/**
 * TensorFlow's CPU thread settings, as {@code tf.config.threading}: {@code
 * Threading.setInterOpParallelismThreads(2)} before a model first runs.
 *
 * <p><b>Intra-op</b> threads split one op (a matrix product) across cores. TensorFlow makes one
 * such pool per process, sized by the first model that runs; later changes have no effect. The
 * default, 0, lets TensorFlow use every core.
 *
 * <p><b>Inter-op</b> threads run independent ops at the same time. Each model's session reads the
 * setting when the model first runs. The default, -1, runs the ops one after another on the
 * calling thread: that skips a thread hand-off per op, which costs more than it gains on small
 * models and on one-row {@code predict}; 0 lets TensorFlow choose (one thread per core), and
 * values of 1 or more give that many threads, which can help wide models whose layers hold
 * independent products.
 */
public final class Threading {
  private static int intraOp = 0;
  private static int interOp = -1;

  private Threading() {}

  /** The intra-op thread count (0: one per core). */
  public static synchronized int getIntraOpParallelismThreads() {
    return intraOp;
  }

  /**
   * Sets the intra-op thread count: 0 for one per core, or a positive count. TensorFlow sizes
   * this pool once per process, when the first model runs.
   */
  public static synchronized void setIntraOpParallelismThreads(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException(
          "intra-op threads must be 0 (one per core) or positive, got " + threads);
    }
    intraOp = threads;
  }

  /** The inter-op thread count (-1: the calling thread, 0: TensorFlow's choice). */
  public static synchronized int getInterOpParallelismThreads() {
    return interOp;
  }

  /**
   * Sets the inter-op thread count for models that run from now on: -1 to run ops on the
   * calling thread, 0 for TensorFlow's choice, or a positive count.
   */
  public static synchronized void setInterOpParallelismThreads(int threads) {
    if (threads < -1) {
      throw new IllegalArgumentException(
          "inter-op threads must be -1 (calling thread), 0 (TensorFlow's choice) or positive, got "
              + threads);
    }
    interOp = threads;
  }
}
