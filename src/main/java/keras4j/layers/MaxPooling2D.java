package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/** The maximum of each window, Keras's {@code MaxPooling2D}: {@code new MaxPooling2D(poolSize(2))}. */
public class MaxPooling2D extends Pooling2D {
  /** Pools with {@code poolSize} (default 2x2), {@code strides}, {@code padding}. */
  public MaxPooling2D(LayerArg... args) {
    super(args);
  }

  /** Keras's {@code from_config}. */
  public static MaxPooling2D fromConfig(ConfigReader config) {
    return new MaxPooling2D(configArgs(config));
  }

  @Override
  protected KerasTensor pool(KerasTensor x, int[] poolSize, int[] strides, String padding) {
    return Ops.maxPool(x, poolSize, strides, padding);
  }
}
