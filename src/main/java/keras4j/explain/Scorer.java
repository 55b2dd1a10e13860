package keras4j.explain;

import keras4j.core.KerasTensor;
import keras4j.losses.Loss;
import keras4j.losses.Losses;
import keras4j.metrics.Metric;
import keras4j.metrics.Metrics;
import keras4j.tf.TF;
import keras4j.tf.TracedFunction;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * How good predictions are, for {@link PermutationImportance}: a score of labels and
 * predictions, and whether higher is better (as scikit-learn's scorers). Any keras4j metric or
 * loss is one ({@link #of(String)}, {@link #of(Metric)}, {@link #of(Loss)}), computed by a traced
 * function that {@link #close()} frees; so is a lambda.
 */
public interface Scorer extends AutoCloseable {
  /**
   * The score of {@code yPred} against {@code yTrue}.
   *
   * @param yTrue the labels, samples first
   * @param yPred the predictions, samples first
   * @return the score
   */
  double score(FloatNdArray yTrue, FloatNdArray yPred);

  /**
   * Whether a higher score is better (accuracy) rather than worse (a loss, an error).
   *
   * @return true by default
   */
  default boolean greaterIsBetter() {
    return true;
  }

  /** Frees the traced function of a metric or loss scorer; nothing for others. */
  @Override
  default void close() {}

  /**
   * The metric or loss of that Keras name: a metric alias of {@code compile} ("accuracy", "auc",
   * "mae", ...) or else a loss alias ("binary_crossentropy", "mse", ...).
   *
   * @param name the alias
   * @return the scorer
   * @throws IllegalArgumentException if {@code name} is neither a metric nor a loss
   */
  static Scorer of(String name) {
    if (Metrics.aliases().contains(name)) {
      return of(Metrics.get(name));
    }
    try {
      return of(Losses.get(name));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Unknown scorer '" + name + "': give a metric alias "
          + Metrics.aliases() + " or a loss alias (" + e.getMessage() + ")", e);
    }
  }

  /**
   * A keras4j metric over the whole batch; higher is better unless the metric says otherwise
   * (errors).
   *
   * @param metric the metric (its state is reset before each score)
   * @return the scorer
   */
  static Scorer of(Metric metric) {
    return new Scorer() {
      private Metric resolved;
      private TracedFunction<KerasTensor> function;

      @Override
      public synchronized double score(FloatNdArray yTrue, FloatNdArray yPred) {
        if (function == null) {
          resolved = Metrics.resolve(metric, yTrue.shape(), yPred.shape());
          function = TF.function((t, p) -> {
            resolved.updateState(t, p, null);
            return resolved.result();
          });
        }
        resolved.resetState();
        return function.call(yTrue, yPred).numpy().getFloat();
      }

      @Override
      public boolean greaterIsBetter() {
        return !"down".equals(metric.direction());
      }

      @Override
      public synchronized void close() {
        if (function != null) {
          function.close();
        }
      }
    };
  }

  /**
   * A keras4j loss, averaged over the batch; lower is better.
   *
   * @param loss the loss
   * @return the scorer
   */
  static Scorer of(Loss loss) {
    return new Scorer() {
      private final TracedFunction<KerasTensor> function = TF.function((yTrue, yPred) -> loss.apply(yTrue, yPred));

      @Override
      public double score(FloatNdArray yTrue, FloatNdArray yPred) {
        return function.call(yTrue, yPred).numpy().getFloat();
      }

      @Override
      public boolean greaterIsBetter() {
        return false;
      }

      @Override
      public void close() {
        function.close();
      }
    };
  }
}
