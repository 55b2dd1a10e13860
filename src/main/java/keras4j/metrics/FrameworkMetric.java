package keras4j.metrics;

import java.util.function.BiFunction;

/** A metric made by a TensorFlow Java framework metric constructor (name, seed). */
class FrameworkMetric extends Metric {
  private final String direction;
  private final BiFunction<String, Long, org.tensorflow.framework.metrics.Metric> factory;

  /** {@code direction} is Keras's {@code _direction} for the metric, "up" or "down". */
  FrameworkMetric(String name, String direction,
      BiFunction<String, Long, org.tensorflow.framework.metrics.Metric> factory) {
    super(name);
    this.direction = direction;
    this.factory = factory;
  }

  @Override
  public String direction() {
    return direction;
  }

  @Override
  public org.tensorflow.framework.metrics.Metric create(long seed) {
    return factory.apply(name(), seed);
  }
}
