package keras4j.losses;

import keras4j.core.Shapes;
import keras4j.backend.FrameworkLosses.Kind;
import org.tensorflow.ndarray.Shape;

/** Crossentropy for one-hot labels, Keras's {@code "categorical_crossentropy"}. */
public class CategoricalCrossentropy extends BuiltinLoss {
  /** The loss on softmax probabilities. */
  public CategoricalCrossentropy() {
    this(false);
  }

  /** The loss; {@code fromLogits} says the model outputs logits. */
  public CategoricalCrossentropy(boolean fromLogits) {
    super("categorical_crossentropy", Kind.CATEGORICAL_CROSSENTROPY, fromLogits);
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
