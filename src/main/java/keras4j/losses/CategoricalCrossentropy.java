package keras4j.losses;

import keras4j.core.Shapes;
import keras4j.backend.FrameworkLosses.Kind;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/** Crossentropy for one-hot labels, Keras's {@code "categorical_crossentropy"}. */
public class CategoricalCrossentropy extends SmoothedCrossentropy {
  /** The loss on softmax probabilities. */
  public CategoricalCrossentropy() {
    this(false);
  }

  /**
   * The loss; {@code fromLogits} says the model outputs logits.
   *
   * @param fromLogits true when the model outputs raw scores (logits) rather than probabilities;
   *     Keras's {@code from_logits}, default false
   */
  public CategoricalCrossentropy(boolean fromLogits) {
    this(fromLogits, 0, "sum_over_batch_size");
  }

  /**
   * Keras's {@code CategoricalCrossentropy(from_logits, label_smoothing, reduction=reduction)}:
   * one-hot labels become {@code y * (1 - labelSmoothing) + labelSmoothing / classes}.
   *
   * @param fromLogits true when the model outputs raw scores (logits) rather than probabilities;
   *     Keras's {@code from_logits}, default false
   * @param labelSmoothing in [0, 1]: one-hot labels become {@code y * (1 - labelSmoothing) +
   *     labelSmoothing / classes}
   * @param reduction how per-sample losses are combined: {@code "sum_over_batch_size"} (Keras's
   *     default), {@code "sum"}, {@code "mean"}, {@code "mean_with_sample_weight"} or {@code
   *     "none"}
   */
  public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing, String reduction) {
    super("categorical_crossentropy", Kind.CATEGORICAL_CROSSENTROPY, fromLogits, labelSmoothing,
        reduction);
  }

  /**
   * The loss a Keras config describes.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return the loss a Keras config describes
   */
  public static CategoricalCrossentropy fromConfig(ConfigReader config) {
    return new CategoricalCrossentropy(config.bool("from_logits", false),
        config.doubleValue("label_smoothing", 0), reduction(config));
  }

  @Override
  public void checkLabels(Shape labels, Shape outputs) {
    long classes = outputs.get(outputs.numDimensions() - 1);
    if (labels.get(labels.numDimensions() - 1) == 1 && classes > 1) {
      throw new IllegalArgumentException(
          "categorical_crossentropy needs one-hot labels of shape " + Shapes.toKeras(outputs)
              + " but got labels of shape " + Shapes.toKeras(labels)
              + " (integer class ids?). Either one-hot encode them with"
              + " ArrayOps.toCategorical(y, " + classes + "), or compile with"
              + " loss(\"sparse_categorical_crossentropy\")");
    }
    super.checkLabels(labels, outputs);
  }
}
