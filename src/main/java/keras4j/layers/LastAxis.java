package keras4j.layers;

import org.tensorflow.ndarray.Shape;

/**
 * The {@code axis} argument of the normalizing layers (Softmax, BatchNormalization,
 * Normalization): keras4j works on the last axis only, given as -1 or, as Keras 2 writes it for
 * images, as its index.
 */
final class LastAxis {
  private LastAxis() {}

  /** The {@code axis} keyword argument of {@code layer}, -1 by default. */
  static int of(Layer layer) {
    Object axis = layer.arg("axis", -1);
    if (!(axis instanceof Integer i)) {
      throw new IllegalArgumentException(layer.getClass().getSimpleName() + " axis must be an int,"
          + " got " + axis);
    }
    return i;
  }

  /** Checks {@code axis} is the last axis of inputs of {@code inputShape}. */
  static void check(Layer layer, int axis, Shape inputShape) {
    int rank = inputShape.numDimensions();
    if (axis != -1 && axis != rank - 1) {
      throw new IllegalArgumentException(layer.getClass().getSimpleName() + " layer '"
          + layer.name() + "' works on axis " + axis + " of its rank-" + rank + " inputs; keras4j"
          + " supports the last axis only");
    }
  }
}
