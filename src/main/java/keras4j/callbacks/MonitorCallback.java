package keras4j.callbacks;

import java.util.List;
import java.util.Map;
import keras4j.metrics.Metric;

/**
 * The base of callbacks that watch a logged quantity and act on its improvements, as Keras 3's
 * {@code MonitorCallback}: {@link EarlyStopping} and {@link ModelCheckpoint} extend it.
 *
 * <p>It owns the quantity ({@code monitor}, a key of the epoch logs such as {@code "val_loss"}),
 * which way is better ({@code mode}), the smallest change that counts ({@code minDelta}) and a
 * {@code baseline}. In {@code "auto"} mode, as in Keras, the monitor without its {@code val_}
 * prefix decides: {@code "loss"} is minimised, the name of a metric given to {@code compile}
 * follows that metric's {@link Metric#direction()}, and any other name is an error that asks for
 * {@code mode("max")} or {@code mode("min")}. Keras resolves "auto" at the end of the first epoch;
 * here it is resolved when {@code fit} starts, so that a bad monitor fails before an epoch is
 * spent. A subclass overriding {@link #onTrainBegin} calls {@code super.onTrainBegin(logs)}.
 *
 * @param <T> the subclass, which the setters return for chaining
 */
public abstract class MonitorCallback<T extends MonitorCallback<T>> extends Callback {
  private static final List<String> MODES = List.of("auto", "min", "max");

  private String monitor;
  private String mode = "auto";
  private double minDelta;
  private Double baseline;

  /**
   * Watches {@code monitor}, a key of the epoch logs such as {@code "val_accuracy"}.
   *
   * @param monitor the key of the epoch logs to watch
   */
  protected MonitorCallback(String monitor) {
    monitor(monitor);
  }

  /**
   * Watches {@code newMonitor} instead, a key of the epoch logs such as {@code "loss"}.
   *
   * @param newMonitor the key of the epoch logs to watch from now on
   * @return this callback, for chaining
   */
  public T monitor(String newMonitor) {
    if (newMonitor == null || newMonitor.isEmpty()) {
      throw new IllegalArgumentException(getClass().getSimpleName()
          + " needs a quantity to monitor, a key of the epoch logs such as \"val_loss\"");
    }
    this.monitor = newMonitor;
    return self();
  }

  /**
   * The monitored key of the epoch logs.
   *
   * @return the monitored key of the epoch logs
   */
  public String monitor() {
    return monitor;
  }

  /**
   * {@code "min"} (lower is better), {@code "max"} (higher is better) or {@code "auto"} (from the
   * monitored name and the compiled metrics; the default).
   *
   * @param newMode {@code "min"}, {@code "max"} or {@code "auto"}
   * @return this callback, for chaining
   */
  public T mode(String newMode) {
    if (!MODES.contains(newMode)) {
      // Keras warns and falls back to "auto"; a typo should not silently pick a direction.
      throw new IllegalArgumentException(getClass().getSimpleName()
          + " mode must be \"auto\", \"min\" or \"max\", got \"" + newMode + "\"");
    }
    this.mode = newMode;
    return self();
  }

  /**
   * The mode given, {@code "auto"} by default.
   *
   * @return the mode given, {@code "auto"} by default
   */
  public String mode() {
    return mode;
  }

  /**
   * The smallest change that counts as an improvement; its sign is ignored (default 0).
   *
   * @param delta the minimum change in the monitored value that counts as an improvement
   * @return this callback, for chaining
   */
  public T minDelta(double delta) {
    this.minDelta = Math.abs(delta);
    return self();
  }

  /**
   * The smallest change that counts as an improvement, never negative.
   *
   * @return the smallest change that counts as an improvement, never negative
   */
  public double minDelta() {
    return minDelta;
  }

  /**
   * A value the monitored quantity must beat; what that means is up to each subclass.
   *
   * @param value the baseline of the monitored quantity
   * @return this callback, for chaining
   */
  public T baseline(double value) {
    this.baseline = value;
    return self();
  }

  /**
   * The baseline, or null without one (the default).
   *
   * @return the baseline, or null without one (the default)
   */
  public Double baseline() {
    return baseline;
  }

  /**
   * Whether a higher monitored value is better: the mode when it is {@code "min"} or {@code
   * "max"}, otherwise resolved against the model as Keras's {@code _set_monitor_op}.
   *
   * @return whether a higher monitored value is better: the mode when it is {@code "min"} or {@code
   *     "max"}, otherwise resolved against the model as Keras's {@code _set_monitor_op}
   * @throws IllegalArgumentException in "auto" mode, for a monitor that is neither the loss nor
   *     a compiled metric with a direction
   */
  public boolean maximises() {
    if (!mode.equals("auto")) {
      return mode.equals("max");
    }
    String name = monitor.startsWith("val_") ? monitor.substring("val_".length()) : monitor;
    if (name.equals("loss")) {
      return false;
    }
    List<Metric> metrics = model() == null ? List.of() : model().compiledMetrics();
    for (Metric metric : metrics) {
      if (metric.name().equals(name) && metric.direction() != null) {
        return metric.direction().equals("up");
      }
    }
    throw new IllegalArgumentException(getClass().getSimpleName() + " callback received monitor="
        + monitor + ", but keras4j isn't able to automatically determine whether that metric"
        + " should be maximized or minimized. Pass mode(\"max\") in order to monitor based on the"
        + " highest metric value, or pass mode(\"min\") in order to use the lowest value.");
  }

  /**
   * Whether {@code value} beats {@code reference} by more than {@link #minDelta()} in the better
   * direction; anything beats a null reference (nothing seen yet), NaN never does.
   *
   * @param value the monitored value of this epoch
   * @param reference the best value so far, or null when there is none yet (any finite value
   *     improves on none)
   * @return whether {@code value} is an improvement
   */
  protected boolean isImprovement(double value, Double reference) {
    if (reference == null) {
      return true;
    }
    return maximises() ? value - minDelta > reference : value + minDelta < reference;
  }

  /** Resolves the direction now, so that an unresolvable "auto" monitor fails before training. */
  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    maximises();
  }

  @SuppressWarnings("unchecked") // T is the subclass itself, by the class's contract
  private T self() {
    return (T) this;
  }
}
