package keras4j.callbacks;

import static java.lang.System.Logger.Level.WARNING;

import java.util.List;
import java.util.Map;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * Stops training when a monitored metric has stopped improving, as {@code
 * keras.callbacks.EarlyStopping}: {@code new EarlyStopping("val_loss",
 * 3).restoreBestWeights(true)}.
 *
 * <p>At the end of each epoch the monitored value counts as an improvement when it beats the best
 * so far by more than {@code minDelta}; after {@code patience} epochs without one, training stops.
 * Defaults are Keras's: monitor {@code "val_loss"}, min delta 0, patience 0, mode {@code "auto"}
 * (see {@link MonitorCallback}), no baseline, weights not restored, start from epoch 0. A {@link
 * #baseline} is a value to beat: until the monitored value does, improvements over the best so
 * far do not reset the patience count.
 */
public class EarlyStopping extends MonitorCallback<EarlyStopping> {
  private static final System.Logger LOG = System.getLogger(EarlyStopping.class.getName());

  private int patience;
  private boolean restoreBestWeights;
  private int startFromEpoch;
  private int verbose;

  private int wait;
  private int stoppedEpoch;
  private Double best;
  private int bestEpoch;
  private List<FloatNdArray> bestWeights;

  /** Watches {@code "val_loss"} with patience 0. */
  public EarlyStopping() {
    this("val_loss", 0);
  }

  /**
   * Watches {@code monitor} (a key of the epoch logs, e.g. {@code "val_accuracy"}).
   *
   * @param monitor the key of the epoch logs to watch, e.g. {@code "val_loss"}; its name decides
   *     whether lower or higher is better
   */
  public EarlyStopping(String monitor) {
    this(monitor, 0);
  }

  /**
   * Watches {@code monitor}, stopping after {@code patience} epochs without improvement.
   *
   * @param monitor the key of the epoch logs to watch, e.g. {@code "val_loss"}; its name decides
   *     whether lower or higher is better
   * @param patience the number of epochs without improvement after which training stops
   */
  public EarlyStopping(String monitor, int patience) {
    super(monitor);
    patience(patience);
  }

  /**
   * Epochs without improvement after which training stops (default 0).
   *
   * @param epochs the number of epochs without improvement tolerated, at least 0
   * @return this callback, for chaining
   */
  public EarlyStopping patience(int epochs) {
    if (epochs < 0) {
      throw new IllegalArgumentException("patience must be >= 0, got " + epochs);
    }
    this.patience = epochs;
    return this;
  }

  /**
   * Whether to put back, when training ends, the weights of the epoch with the best monitored
   * value (default false).
   *
   * @param restore true to restore the best epoch's weights at the end
   * @return this callback, for chaining
   */
  public EarlyStopping restoreBestWeights(boolean restore) {
    this.restoreBestWeights = restore;
    return this;
  }

  /**
   * Epochs to wait before watching at all, for a warm-up (default 0).
   *
   * @param epoch the number of epochs before improvement is tracked, at least 0
   * @return this callback, for chaining
   */
  public EarlyStopping startFromEpoch(int epoch) {
    if (epoch < 0) {
      throw new IllegalArgumentException("startFromEpoch must be >= 0, got " + epoch);
    }
    this.startFromEpoch = epoch;
    return this;
  }

  /**
   * 1 prints when training stopped early and when weights are restored; 0 is silent (default).
   *
   * @param level 0 (silent) or 1 (print messages)
   * @return this callback, for chaining
   */
  public EarlyStopping verbose(int level) {
    this.verbose = level;
    return this;
  }

  /**
   * The epoch (0-based) at which training was stopped, or 0 if it was not.
   *
   * @return the epoch (0-based) at which training was stopped, or 0 if it was not
   */
  public int stoppedEpoch() {
    return stoppedEpoch;
  }

  /**
   * The epoch (0-based) with the best monitored value.
   *
   * @return the epoch (0-based) with the best monitored value
   */
  public int bestEpoch() {
    return bestEpoch;
  }

  /**
   * The best monitored value, or null before any was seen.
   *
   * @return the best monitored value seen, or null
   */
  public Double best() {
    return best;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    super.onTrainBegin(logs);
    // Keras resets here so that one instance can serve several fits.
    wait = 0;
    stoppedEpoch = 0;
    best = null;
    bestWeights = null;
    bestEpoch = 0;
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    Double current = logs.get(monitor());
    if (current == null) {
      LOG.log(WARNING, "Early stopping conditioned on metric `{0}` which is not available."
          + " Available metrics are: {1}", monitor(), String.join(",", logs.keySet()));
      return;
    }
    if (epoch < startFromEpoch) {
      return;
    }
    if (restoreBestWeights && bestWeights == null) {
      // Until something improves, the current weights are the best.
      bestWeights = model().getWeights();
      bestEpoch = epoch;
    }
    wait++;
    if (isImprovement(current, best)) {
      best = current;
      bestEpoch = epoch;
      if (restoreBestWeights) {
        bestWeights = model().getWeights();
      }
      // Patience restarts only when both the baseline and the previous best are beaten.
      if (baseline() == null || isImprovement(current, baseline())) {
        wait = 0;
      }
      return;
    }
    if (wait >= patience && epoch > 0) {
      stoppedEpoch = epoch;
      model().setStopTraining(true);
    }
  }

  @Override
  public void onTrainEnd(Map<String, Double> logs) {
    if (stoppedEpoch > 0 && verbose > 0) {
      System.out.println("Epoch " + (stoppedEpoch + 1) + ": early stopping");
    }
    if (restoreBestWeights && bestWeights != null) {
      if (verbose > 0) {
        System.out.println(
            "Restoring model weights from the end of the best epoch: " + (bestEpoch + 1) + ".");
      }
      model().setWeights(bestWeights);
    }
  }
}
