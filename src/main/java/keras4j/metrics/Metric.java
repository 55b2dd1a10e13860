package keras4j.metrics;

/**
 * A metric tracked during training and evaluation, as {@code keras.metrics.Metric}; its value is
 * accumulated over an epoch (or over a whole {@code evaluate}).
 *
 * <p>The built-in metrics are TensorFlow Java framework metrics; {@link #create} makes the
 * stateful framework object for one model graph.
 */
public abstract class Metric {
  private final String name;

  /** A metric logged as {@code name}. */
  protected Metric(String name) {
    this.name = name;
  }

  /** The name in logs and {@code History}, e.g. {@code accuracy}. */
  public String name() {
    return name;
  }

  /**
   * Keras's {@code _direction}: {@code "up"} when a higher value is better (accuracies, AUC,
   * precision, recall), {@code "down"} when a lower one is (errors), or null when the metric does
   * not say, as a Keras metric without {@code _direction}. A monitoring callback in {@code "auto"}
   * mode reads it; override it in your own metrics.
   */
  public String direction() {
    return null;
  }

  /** A fresh framework metric accumulating this metric in one graph. */
  public abstract org.tensorflow.framework.metrics.Metric create(long seed);

  @Override
  public String toString() {
    return name;
  }
}
