package keras4j.losses;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import org.tensorflow.ndarray.Shape;

/**
 * A loss, as {@code keras.losses.Loss}: {@link #call} gives one value per sample and training
 * minimises their mean over the batch (Keras's {@code sum_over_batch_size}).
 *
 * <p>Subclass it for a custom loss, writing {@code call} with {@link KerasTensor}'s maths.
 */
public abstract class Loss {
  private final String name;

  /** A loss with the given Keras name. */
  protected Loss(String name) {
    this.name = name;
  }

  /** The Keras name, e.g. {@code mean_squared_error}. */
  public String name() {
    return name;
  }

  /** The loss of each sample: shape (batch). */
  public abstract KerasTensor call(KerasTensor yTrue, KerasTensor yPred);

  /**
   * Keras's {@code loss(y_true, y_pred)}: the mean of {@link #call} over the batch, a scalar, for
   * custom training loops.
   */
  public KerasTensor apply(KerasTensor yTrue, KerasTensor yPred) {
    return call(yTrue, yPred).reduceMean();
  }

  /**
   * Checks that labels of shape {@code labels} fit outputs of shape {@code outputs} (batch
   * first); the default asks for equal sample shapes, a column of labels matching one output.
   */
  public void checkLabels(Shape labels, Shape outputs) {
    // Shape.equals is false for any unknown dimension: compare dimension by dimension instead.
    if (!Shapes.samplesCompatible(outputs, labels)) {
      throw new IllegalArgumentException(
          name + " needs labels shaped like the model's outputs " + Shapes.toKeras(outputs)
              + " but the labels have shape " + Shapes.toKeras(labels));
    }
  }

  /** The Keras class name and config, for saving. */
  public Map<String, Object> getConfig() {
    return Map.of("name", name, "reduction", "sum_over_batch_size");
  }
}
