package keras4j.losses;

import java.util.Map;
import keras4j.core.Shapes;
import keras4j.backend.FrameworkLosses.Kind;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/** Crossentropy for integer class ids, Keras's {@code "sparse_categorical_crossentropy"}. */
public class SparseCategoricalCrossentropy extends BuiltinLoss {
  /** The loss on softmax probabilities. */
  public SparseCategoricalCrossentropy() {
    this(false);
  }

  /**
   * The loss; {@code fromLogits} says the model outputs logits.
   *
   * @param fromLogits true when the model outputs raw scores (logits) rather than probabilities;
   *     Keras's {@code from_logits}, default false
   */
  public SparseCategoricalCrossentropy(boolean fromLogits) {
    this(fromLogits, "sum_over_batch_size");
  }

  /**
   * Keras's {@code SparseCategoricalCrossentropy(from_logits, reduction=reduction)}.
   *
   * @param fromLogits true when the model outputs raw scores (logits) rather than probabilities;
   *     Keras's {@code from_logits}, default false
   * @param reduction how per-sample losses are combined: {@code "sum_over_batch_size"} (Keras's
   *     default), {@code "sum"}, {@code "mean"}, {@code "mean_with_sample_weight"} or {@code
   *     "none"}
   */
  public SparseCategoricalCrossentropy(boolean fromLogits, String reduction) {
    super("sparse_categorical_crossentropy", Kind.SPARSE_CATEGORICAL_CROSSENTROPY, fromLogits,
        reduction);
  }

  /**
   * The loss a Keras config describes.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return the loss a Keras config describes
   */
  public static SparseCategoricalCrossentropy fromConfig(ConfigReader config) {
    return new SparseCategoricalCrossentropy(config.bool("from_logits", false), reduction(config));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("from_logits", fromLogits());
    config.put("ignore_class", null);
    config.put("axis", -1);
    return config;
  }

  @Override
  public void checkLabels(Shape labels, Shape outputs) {
    if (labels.numDimensions() != 2 || labels.get(1) != 1) {
      throw new IllegalArgumentException(
          "sparse_categorical_crossentropy needs one integer class id per sample, shape (None,)"
              + " or (None, 1), but got labels of shape " + Shapes.toKeras(labels)
              + ". For one-hot labels compile with loss(\"categorical_crossentropy\")");
    }
  }
}
