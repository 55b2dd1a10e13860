package keras4j.metrics;

import keras4j.core.Variable;

/**
 * The (weighted) number of true positives, a prediction above 0.5 counting as positive: Keras's
 * {@code TruePositives}.
 */
public final class TruePositives extends ConfusionCount {
  /**
   * The count logged as {@code name}.
   *
   * @param name the name in logs and {@code History}, e.g. {@code "tp"}
   */
  public TruePositives(String name) {
    super(name);
  }

  @Override
  Variable count() {
    return counts.truePositives;
  }
}
