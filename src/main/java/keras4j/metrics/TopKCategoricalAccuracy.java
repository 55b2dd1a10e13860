package keras4j.metrics;

import keras4j.ops.Ops;

/**
 * Keras's {@code TopKCategoricalAccuracy} ({@code "top_k_categorical_accuracy"}, k 5 by
 * default): the fraction of samples whose one-hot label's class is among the {@code k} largest
 * outputs.
 */
public class TopKCategoricalAccuracy extends TopKAccuracy {
  /**
   * The metric logged as {@code name}, counting a hit within the top {@code k}.
   *
   * @param name the name in logs and {@code History}, e.g. {@code "accuracy"} ({@code val_} is
   *     prepended for validation)
   * @param k how many of the highest-scored classes count as a hit (Keras's default 5)
   */
  public TopKCategoricalAccuracy(String name, int k) {
    super(name, k, yTrue -> Ops.argmax(yTrue, -1));
  }
}
