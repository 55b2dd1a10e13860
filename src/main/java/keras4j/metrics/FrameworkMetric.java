package keras4j.metrics;

import java.util.function.BiFunction;

/** A metric made by a TensorFlow Java framework metric constructor (name, seed). */
class FrameworkMetric extends Metric {
  private final BiFunction<String, Long, org.tensorflow.framework.metrics.Metric> factory;

  FrameworkMetric(
      String name, BiFunction<String, Long, org.tensorflow.framework.metrics.Metric> factory) {
    super(name);
    this.factory = factory;
  }

  @Override
  public org.tensorflow.framework.metrics.Metric create(long seed) {
    return factory.apply(name(), seed);
  }
}
