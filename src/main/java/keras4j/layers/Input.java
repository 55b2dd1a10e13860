package keras4j.layers;

import keras4j.core.KerasTensor;
import keras4j.core.Shapes;

/** The functional API's entry point, {@code keras.Input}: {@code Input.shape(784)}. */
public final class Input {
  private Input() {}

  /**
   * A symbolic input of samples shaped {@code dims} (the batch dimension is implied); a
   * dimension of {@code -1} ({@code Keras.NONE}) is unknown, as Python's {@code None}: {@code
   * Input.shape(NONE, NONE, 3)} takes images of any size.
   *
   * @param dims the sizes of one sample's dimensions, e.g. {@code 784} or {@code 28, 28, 1}; -1
   *     for an unknown one
   * @return the symbolic tensor to call layers on, shaped {@code (None, dims...)}
   */
  public static KerasTensor shape(long... dims) {
    return named(null, dims);
  }

  /**
   * A symbolic input with a name.
   *
   * @param name the input layer's name, as in Keras's {@code keras.Input(shape, name=...)}
   * @param dims the sizes of one sample's dimensions, e.g. {@code 784} or {@code 28, 28, 1}
   * @return the symbolic tensor to call layers on, shaped {@code (None, dims...)}
   */
  public static KerasTensor named(String name, long... dims) {
    for (long d : dims) {
      if (d <= 0 && d != -1) {
        throw new IllegalArgumentException("Input dimensions must be positive or -1 (unknown,"
            + " Keras.NONE), got " + d);
      }
    }
    return new InputLayer(Shapes.batchOf(dims), name).output();
  }
}
