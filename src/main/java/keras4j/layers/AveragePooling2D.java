package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * The mean of each window, Keras's {@code AveragePooling2D}; with {@code padding("same")} the
 * padded cells are left out of the mean, as in Keras.
 */
public class AveragePooling2D extends Pooling2D {
  /** Pools with {@code poolSize} (default 2x2), {@code strides}, {@code padding}. */
  public AveragePooling2D(LayerArg... args) {
    super(args);
  }

  /** Keras's {@code from_config}. */
  public static AveragePooling2D fromConfig(ConfigReader config) {
    return new AveragePooling2D(configArgs(config));
  }

  @Override
  protected KerasTensor pool(KerasTensor x, int[] poolSize, int[] strides, String padding) {
    return Ops.averagePool(x, poolSize, strides, padding);
  }
}
