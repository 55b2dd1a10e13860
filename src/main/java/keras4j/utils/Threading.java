package keras4j.utils;

/**
 * TensorFlow's CPU thread settings, as {@code tf.config.threading}: call {@code
 * Threading.setIntraOpParallelismThreads(1)} before the first model runs.
 *
 * <p><b>Intra-op</b> threads split one op (a matrix product) across cores. TensorFlow makes one
 * such pool per process, sized by the first model (or TensorFlow session) that runs; later
 * changes have no effect. The default, 0, lets TensorFlow use one thread per core.
 *
 * <p><b>Inter-op</b> threads run independent ops at the same time. Each session keras4j opens
 * reads the setting then: a model's when the model first runs, a {@code TF.function}'s on its
 * first call. The default, -1, runs the ops one after another on the calling thread: that skips
 * a thread hand-off per op, which costs more than it gains on sequential models and on one-row
 * {@code predict}. 0 lets TensorFlow choose (one thread per core, in a pool shared by the
 * process); 1 or more gives the session its own pool of that size, which can help models with
 * independent branches.
 *
 * <p>Measured on 2 cores ({@code bench/run}): inter-op -1 trains a 784-128-10 MLP 1.1-1.25x
 * faster than TensorFlow's default and is even on wide ones; intra-op 1 (with inter-op -1 the
 * calling thread computes next to the one pool thread) makes that small MLP another 1.2-1.35x
 * faster but costs 20-40 % on layers of 512 units and more, whose products want every core.
 */
public final class Threading {
  private static int intraOp = 0;
  private static int interOp = -1;

  private Threading() {}

  /**
   * The intra-op thread count (0: one per core).
   *
   * @return the intra-op thread count (0: one per core)
   */
  public static synchronized int getIntraOpParallelismThreads() {
    return intraOp;
  }

  /**
   * Sets the intra-op thread count: 0 for one per core, or a positive count. TensorFlow sizes
   * this pool once per process, when the first model runs.
   *
   * @param threads 0 or a positive thread count
   */
  public static synchronized void setIntraOpParallelismThreads(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException(
          "intra-op threads must be 0 (one per core) or positive, got " + threads);
    }
    intraOp = threads;
  }

  /**
   * The inter-op thread count (-1: the calling thread, 0: TensorFlow's choice).
   *
   * @return the inter-op thread count (-1: the calling thread, 0: TensorFlow's choice)
   */
  public static synchronized int getInterOpParallelismThreads() {
    return interOp;
  }

  /**
   * Sets the inter-op thread count for models that run from now on: -1 to run ops on the
   * calling thread, 0 for TensorFlow's choice, or a positive count.
   *
   * @param threads -1, 0 or a positive thread count
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
