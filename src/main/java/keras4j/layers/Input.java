package keras4j.layers;

import keras4j.core.KerasTensor;
import keras4j.core.Shapes;

/** The functional API's entry point, {@code keras.Input}: {@code Input.shape(784)}. */
public final class Input {
  private Input() {}

  /** A symbolic input of samples shaped {@code dims} (the batch dimension is implied). */
  public static KerasTensor shape(long... dims) {
    return named(null, dims);
  }

  /** A symbolic input with a name. */
  public static KerasTensor named(String name, long... dims) {
    for (long d : dims) {
      if (d <= 0) {
        throw new IllegalArgumentException("Input dimensions must be positive, got " + d);
      }
    }
    return new InputLayer(Shapes.batchOf(dims), name).output();
  }
}
