package keras4j.metrics;

import keras4j.core.Variable;

/**
 * The (weighted) number of false positives, a prediction above 0.5 counting as positive: Keras's
 * {@code FalsePositives}.
 */
public final class FalsePositives extends ConfusionCount {
  /**
   * The count logged as {@code name}.
   *
   * @param name the name in logs and {@code History}, e.g. {@code "fp"}
   */
  public FalsePositives(String name) {
    super(name);
  }

  @Override
  Variable count() {
    return counts.falsePositives;
  }
}
