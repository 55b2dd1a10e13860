package keras4j.metrics;

import keras4j.core.Variable;

/**
 * The (weighted) number of true negatives, a prediction above 0.5 counting as positive: Keras's
 * {@code TrueNegatives}.
 */
public final class TrueNegatives extends ConfusionCount {
  /**
   * The count logged as {@code name}.
   *
   * @param name the name in logs and {@code History}, e.g. {@code "tn"}
   */
  public TrueNegatives(String name) {
    super(name);
  }

  @Override
  Variable count() {
    return counts.trueNegatives;
  }
}
