package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.backend.NeuralOps;
import keras4j.backend.Tensor;

/**
 * The mean of each window, Keras's {@code AveragePooling2D}; with {@code padding("same")} the
 * padded cells are left out of the mean, as in Keras.
 */
public class AveragePooling2D extends Pooling2D {
  /** Pools with {@code poolSize} (default 2x2), {@code strides}, {@code padding}. */
  public AveragePooling2D(LayerArg... args) {
    super(args);
  }

  @Override
  protected Tensor pool(Tensor x, int[] poolSize, int[] strides, String padding) {
    return NeuralOps.avgPool(x, poolSize, strides, padding);
  }
}
