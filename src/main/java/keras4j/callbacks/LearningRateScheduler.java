package keras4j.callbacks;

import java.util.Map;
import keras4j.optimizers.Optimizer;
import keras4j.utils.PythonFloats;

/**
 * Sets the optimizer's learning rate at the start of each epoch, as {@code
 * keras.callbacks.LearningRateScheduler}: {@code new LearningRateScheduler((epoch, lr) -> epoch <
 * 10 ? lr : lr * 0.9)}. Each epoch's logs (and so the {@link History}) get the rate used, under
 * {@code "learning_rate"}.
 */
public class LearningRateScheduler extends Callback {
  /** The schedule: the learning rate of {@code epoch} (0-based) given the current one. */
  @FunctionalInterface
  public interface Schedule {
    /**
     * The new learning rate, which must be positive.
     *
     * @param epoch the 0-based index of the epoch about to start
     * @param currentLearningRate the optimizer's learning rate now
     * @return the learning rate for this epoch
     */
    double learningRate(int epoch, double currentLearningRate);
  }

  private final Schedule schedule;
  private final int verbose;

  /**
   * A silent scheduler.
   *
   * @param schedule gives each epoch's learning rate from the epoch index and the current rate
   */
  public LearningRateScheduler(Schedule schedule) {
    this(schedule, 0);
  }

  /**
   * A scheduler that prints each new rate when {@code verbose} is 1.
   *
   * @param schedule gives each epoch's learning rate from the epoch index and the current rate
   * @param verbose 0 (silent) or 1 (print the rate at the start of each epoch)
   */
  public LearningRateScheduler(Schedule schedule, int verbose) {
    if (schedule == null) {
      throw new IllegalArgumentException("LearningRateScheduler needs a schedule");
    }
    this.schedule = schedule;
    this.verbose = verbose;
  }

  @Override
  public void onEpochBegin(int epoch, Map<String, Double> logs) {
    Optimizer optimizer = model().optimizer();
    double learningRate = schedule.learningRate(epoch, optimizer.getLearningRate());
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "LearningRateScheduler's schedule returned " + learningRate + " for epoch " + epoch
              + "; it must return a positive, finite learning rate");
    }
    optimizer.setLearningRate(learningRate);
    if (verbose > 0) {
      System.out.println("\nEpoch " + (epoch + 1)
          + ": LearningRateScheduler setting learning rate to " + PythonFloats.repr(learningRate)
          + ".");
    }
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    logs.put("learning_rate", model().optimizer().getLearningRate());
  }
}
