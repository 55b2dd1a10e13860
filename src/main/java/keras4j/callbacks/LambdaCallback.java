package keras4j.callbacks;

import java.util.Map;
import java.util.function.Consumer;

/**
 * A callback made of lambdas, as {@code keras.callbacks.LambdaCallback}: {@code
 * LambdaCallback.onEpochEnd((epoch, logs) -> System.out.println(logs)).andOnTrainEnd(logs ->
 * save())}. Batch hooks see training batches.
 */
public final class LambdaCallback extends Callback {
  /** A hook taking an epoch or batch index (0-based) and the logs. */
  @FunctionalInterface
  public interface Hook {
    /**
     * Runs the hook.
     *
     * @param index the 0-based epoch or batch index
     * @param logs the metrics known at that point, keyed as in Keras ({@code "loss"}, {@code
     *     "val_loss"}, ...)
     */
    void accept(int index, Map<String, Double> logs);
  }

  private Hook epochBegin;
  private Hook epochEnd;
  private Hook batchBegin;
  private Hook batchEnd;
  private Consumer<Map<String, Double>> trainBegin;
  private Consumer<Map<String, Double>> trainEnd;

  private LambdaCallback() {}

  /**
   * A callback running {@code hook} at the start of each epoch.
   *
   * @param hook the code to run, given the 0-based epoch or batch index and the logs at that point
   * @return a callback running {@code hook} at the start of each epoch
   */
  public static LambdaCallback onEpochBegin(Hook hook) {
    return new LambdaCallback().andOnEpochBegin(hook);
  }

  /**
   * A callback running {@code hook} at the end of each epoch.
   *
   * @param hook the code to run, given the 0-based epoch or batch index and the logs at that point
   * @return a callback running {@code hook} at the end of each epoch
   */
  public static LambdaCallback onEpochEnd(Hook hook) {
    return new LambdaCallback().andOnEpochEnd(hook);
  }

  /**
   * A callback running {@code hook} at the start of each training batch.
   *
   * @param hook the code to run, given the 0-based epoch or batch index and the logs at that point
   * @return a callback running {@code hook} at the start of each training batch
   */
  public static LambdaCallback onBatchBegin(Hook hook) {
    return new LambdaCallback().andOnBatchBegin(hook);
  }

  /**
   * A callback running {@code hook} at the end of each training batch.
   *
   * @param hook the code to run, given the 0-based epoch or batch index and the logs at that point
   * @return a callback running {@code hook} at the end of each training batch
   */
  public static LambdaCallback onBatchEnd(Hook hook) {
    return new LambdaCallback().andOnBatchEnd(hook);
  }

  /**
   * A callback running {@code hook} when {@code fit} starts.
   *
   * @param hook the code to run, given the logs at that point
   * @return a callback running {@code hook} when {@code fit} starts
   */
  public static LambdaCallback onTrainBegin(Consumer<Map<String, Double>> hook) {
    return new LambdaCallback().andOnTrainBegin(hook);
  }

  /**
   * A callback running {@code hook} when {@code fit} ends.
   *
   * @param hook the code to run, given the logs at that point
   * @return a callback running {@code hook} when {@code fit} ends
   */
  public static LambdaCallback onTrainEnd(Consumer<Map<String, Double>> hook) {
    return new LambdaCallback().andOnTrainEnd(hook);
  }

  /**
   * Sets the hook run at the start of each epoch; returns this, for chaining.
   *
   * @param hook the code to run, given the 0-based epoch or batch index and the logs at that point
   * @return this callback, for chaining
   */
  public LambdaCallback andOnEpochBegin(Hook hook) {
    epochBegin = hook;
    return this;
  }

  /**
   * Sets the hook run at the end of each epoch; returns this, for chaining.
   *
   * @param hook the code to run, given the 0-based epoch or batch index and the logs at that point
   * @return this callback, for chaining
   */
  public LambdaCallback andOnEpochEnd(Hook hook) {
    epochEnd = hook;
    return this;
  }

  /**
   * Sets the hook run at the start of each training batch; returns this, for chaining.
   *
   * @param hook the code to run, given the 0-based epoch or batch index and the logs at that point
   * @return this callback, for chaining
   */
  public LambdaCallback andOnBatchBegin(Hook hook) {
    batchBegin = hook;
    return this;
  }

  /**
   * Sets the hook run at the end of each training batch; returns this, for chaining.
   *
   * @param hook the code to run, given the 0-based epoch or batch index and the logs at that point
   * @return this callback, for chaining
   */
  public LambdaCallback andOnBatchEnd(Hook hook) {
    batchEnd = hook;
    return this;
  }

  /**
   * Sets the hook run when {@code fit} starts; returns this, for chaining.
   *
   * @param hook the code to run, given the logs at that point
   * @return this callback, for chaining
   */
  public LambdaCallback andOnTrainBegin(Consumer<Map<String, Double>> hook) {
    trainBegin = hook;
    return this;
  }

  /**
   * Sets the hook run when {@code fit} ends; returns this, for chaining.
   *
   * @param hook the code to run, given the logs at that point
   * @return this callback, for chaining
   */
  public LambdaCallback andOnTrainEnd(Consumer<Map<String, Double>> hook) {
    trainEnd = hook;
    return this;
  }

  @Override
  public void onEpochBegin(int epoch, Map<String, Double> logs) {
    if (epochBegin != null) {
      epochBegin.accept(epoch, logs);
    }
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    if (epochEnd != null) {
      epochEnd.accept(epoch, logs);
    }
  }

  @Override
  public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
    if (batchBegin != null) {
      batchBegin.accept(batch, logs);
    }
  }

  @Override
  public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    if (batchEnd != null) {
      batchEnd.accept(batch, logs);
    }
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    if (trainBegin != null) {
      trainBegin.accept(logs);
    }
  }

  @Override
  public void onTrainEnd(Map<String, Double> logs) {
    if (trainEnd != null) {
      trainEnd.accept(logs);
    }
  }
}
