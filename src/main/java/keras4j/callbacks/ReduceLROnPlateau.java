package keras4j.callbacks;

import static java.lang.System.Logger.Level.WARNING;

import java.util.Map;
import keras4j.optimizers.Optimizer;
import keras4j.utils.PythonFloats;

/**
 * Lowers the learning rate when a monitored metric has stopped improving, as {@code
 * keras.callbacks.ReduceLROnPlateau}: {@code new ReduceLROnPlateau("val_loss").factor(0.2)
 * .patience(5).minLr(1e-3)}.
 *
 * <p>At the end of each epoch the monitored value counts as an improvement when it beats the best
 * so far by more than {@code minDelta} in the direction {@code mode} gives (see {@link
 * MonitorCallback}). After {@code patience} epochs without one, the rate becomes {@code
 * max(rate * factor, minLr)} (if it is still above {@code minLr}), and the count waits {@code
 * cooldown} epochs before it starts again. Every epoch's logs (and so the {@link History}) get
 * the rate, under {@code "learning_rate"}. Defaults are Keras's: monitor {@code "val_loss"},
 * factor 0.1, patience 10, mode "auto", min delta 1e-4, cooldown 0, min lr 0, silent.
 *
 * <p>The optimizer's rate must be settable: with a learning-rate schedule it is computed from the
 * step, and reducing it fails, as in Keras.
 */
public class ReduceLROnPlateau extends MonitorCallback<ReduceLROnPlateau> {
  private static final System.Logger LOG = System.getLogger(ReduceLROnPlateau.class.getName());

  private double factor = 0.1;
  private int patience = 10;
  private int cooldown;
  private double minLr;
  private int verbose;

  private Double best;
  private int wait;
  private int cooldownCounter;

  /** Watches {@code "val_loss"} with Keras's defaults. */
  public ReduceLROnPlateau() {
    this("val_loss");
  }

  /**
   * Watches {@code monitor} with Keras's defaults.
   *
   * @param monitor a key of the epoch logs, e.g. {@code "val_accuracy"}
   */
  public ReduceLROnPlateau(String monitor) {
    super(monitor);
    minDelta(1e-4);
  }

  /**
   * The factor the rate is multiplied by: {@code new_lr = lr * factor} (default 0.1).
   *
   * @param newFactor below 1
   * @return this callback
   * @throws IllegalArgumentException for a factor of 1 or more
   */
  public ReduceLROnPlateau factor(double newFactor) {
    if (!(newFactor < 1.0)) {
      throw new IllegalArgumentException(
          "ReduceLROnPlateau does not support a factor >= 1.0. Received factor=" + newFactor);
    }
    this.factor = newFactor;
    return this;
  }

  /**
   * Epochs without improvement after which the rate is reduced (default 10).
   *
   * @param epochs at least 0
   * @return this callback
   * @throws IllegalArgumentException for a negative count
   */
  public ReduceLROnPlateau patience(int epochs) {
    if (epochs < 0) {
      throw new IllegalArgumentException("patience must be >= 0, got " + epochs);
    }
    this.patience = epochs;
    return this;
  }

  /**
   * Epochs to wait after a reduction before counting epochs without improvement again (default
   * 0).
   *
   * @param epochs at least 0
   * @return this callback
   * @throws IllegalArgumentException for a negative count
   */
  public ReduceLROnPlateau cooldown(int epochs) {
    if (epochs < 0) {
      throw new IllegalArgumentException("cooldown must be >= 0, got " + epochs);
    }
    this.cooldown = epochs;
    return this;
  }

  /**
   * The lowest rate a reduction sets (default 0).
   *
   * @param rate at least 0
   * @return this callback
   * @throws IllegalArgumentException for a negative rate
   */
  public ReduceLROnPlateau minLr(double rate) {
    if (!(rate >= 0)) {
      throw new IllegalArgumentException("minLr must be >= 0, got " + rate);
    }
    this.minLr = rate;
    return this;
  }

  /**
   * 1 prints a line for every reduction, 0 (the default) is silent.
   *
   * @param level 0 or 1
   * @return this callback
   */
  public ReduceLROnPlateau verbose(int level) {
    this.verbose = level;
    return this;
  }

  /**
   * Whether the rate was reduced less than {@code cooldown} epochs ago.
   *
   * @return true while cooling down
   */
  public boolean inCooldown() {
    return cooldownCounter > 0;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    super.onTrainBegin(logs);
    best = null;
    wait = 0;
    cooldownCounter = 0;
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    Optimizer optimizer = model().optimizer();
    logs.put("learning_rate", optimizer.getLearningRate());
    Double current = logs.get(monitor());
    if (current == null) {
      LOG.log(WARNING, "Learning rate reduction is conditioned on metric `{0}` which is not"
          + " available. Available metrics are: {1}.", monitor(), String.join(",", logs.keySet()));
      return;
    }
    if (inCooldown()) {
      cooldownCounter--;
      wait = 0;
    }
    if (isImprovement(current, best)) {
      best = current;
      wait = 0;
    } else if (!inCooldown()) {
      wait++;
      if (wait >= patience && reduce(optimizer, epoch)) {
        cooldownCounter = cooldown;
        wait = 0;
      }
    }
  }

  /** Keras's {@code _reduce_optimizer_lr}: whether the rate was above {@code minLr} and cut. */
  private boolean reduce(Optimizer optimizer, int epoch) {
    double oldLr = optimizer.getLearningRate();
    if (!(oldLr > (float) minLr)) {
      return false;
    }
    double newLr = Math.max(oldLr * factor, minLr);
    optimizer.setLearningRate(newLr);
    if (verbose > 0) {
      System.out.println("\nEpoch " + (epoch + 1) + ": ReduceLROnPlateau reducing learning rate"
          + " to " + PythonFloats.repr(newLr) + ".");
    }
    return true;
  }
}
