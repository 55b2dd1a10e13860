package keras4j.metrics;

import keras4j.core.Variable;

/**
 * The (weighted) number of false negatives, a prediction above 0.5 counting as positive: Keras's
 * {@code FalseNegatives}.
 */
public final class FalseNegatives extends ConfusionCount {
  /**
   * The count logged as {@code name}.
   *
   * @param name the name in logs and {@code History}, e.g. {@code "fn"}
   */
  public FalseNegatives(String name) {
    super(name);
  }

  @Override
  Variable count() {
    return counts.falseNegatives;
  }
}
