package keras4j.losses;

import keras4j.core.Shapes;
import keras4j.backend.FrameworkLosses.Kind;
import org.tensorflow.ndarray.Shape;

/** Crossentropy for integer class ids, Keras's {@code "sparse_categorical_crossentropy"}. */
public class SparseCategoricalCrossentropy extends BuiltinLoss {
  /** The loss on softmax probabilities. */
  public SparseCategoricalCrossentropy() {
    this(false);
  }

  /** The loss; {@code fromLogits} says the model outputs logits. */
  public SparseCategoricalCrossentropy(boolean fromLogits) {
    super("sparse_categorical_crossentropy", Kind.SPARSE_CATEGORICAL_CROSSENTROPY, fromLogits);
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
