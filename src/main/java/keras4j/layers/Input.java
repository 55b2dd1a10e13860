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
    return named(name, "float32", dims);
  }

  /**
   * A symbolic input of another dtype, as {@code keras.Input(shape, dtype="int32")}: token ids
   * for an {@code Embedding} ({@code "int32"}, {@code "int64"}), flags ({@code "bool"}) or text
   * ({@code "string"}) for a lookup layer. The model is then fed arrays of that type: {@code
   * int[][]}, {@code long[][]}, {@code boolean[][]}, {@code String[]} (a column) or {@code
   * String[][]}, or their NdArrays; they are not cast to float32.
   *
   * @param dtype "float32", "int32", "int64", "bool" or "string"
   * @param dims the sizes of one sample's dimensions; -1 for an unknown one
   * @return the symbolic tensor to call layers on, shaped {@code (None, dims...)}
   */
  public static KerasTensor ofType(String dtype, long... dims) {
    return named(null, dtype, dims);
  }

  /**
   * A symbolic input with a name and a dtype.
   *
   * @param name the input layer's name, or null for a generated one
   * @param dtype "float32", "int32", "int64", "bool" or "string"
   * @param dims the sizes of one sample's dimensions; -1 for an unknown one
   * @return the symbolic tensor to call layers on, shaped {@code (None, dims...)}
   */
  public static KerasTensor named(String name, String dtype, long... dims) {
    return new InputLayer(Shapes.batchOf(checkedDims(dims)), name, InputLayer.checkedDtype(dtype))
        .output();
  }

  static long[] checkedDims(long[] dims) {
    for (long d : dims) {
      if (d <= 0 && d != -1) {
        throw new IllegalArgumentException("Input dimensions must be positive or -1 (unknown,"
            + " Keras.NONE), got " + d);
      }
    }
    return dims;
  }
}
