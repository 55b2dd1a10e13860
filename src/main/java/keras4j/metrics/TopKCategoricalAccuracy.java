package keras4j.metrics;

import keras4j.ops.Ops;

/**
 * Keras's {@code TopKCategoricalAccuracy} ({@code "top_k_categorical_accuracy"}, k 5 by
 * default): the fraction of samples whose one-hot label's class is among the {@code k} largest
 * outputs.
 */
public class TopKCategoricalAccuracy extends TopKAccuracy {
  /** The metric logged as {@code name}, counting a hit within the top {@code k}. */
  public TopKCategoricalAccuracy(String name, int k) {
    super(name, k, yTrue -> Ops.argmax(yTrue, -1));
  }
}
