package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/** The maximum of each window, Keras's {@code MaxPooling2D}: {@code new MaxPooling2D(poolSize(2))}. */
public class MaxPooling2D extends BasePooling {
  /** Pools with {@code poolSize} (default 2 per axis), {@code strides}, {@code padding}. */
  public MaxPooling2D(LayerArg... args) {
    super(2, true, args);
  }

  /** Keras's {@code from_config}. */
  public static MaxPooling2D fromConfig(ConfigReader config) {
    return new MaxPooling2D(configArgs(config));
  }
}
