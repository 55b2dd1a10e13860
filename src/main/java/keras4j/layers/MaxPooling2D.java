package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/** The maximum of each window, Keras's {@code MaxPooling2D}: {@code new MaxPooling2D(poolSize(2))}. */
public class MaxPooling2D extends BasePooling {
  /**
   * Pools with {@code poolSize} (default 2 per axis), {@code strides}, {@code padding}.
   *
   * @param args keyword arguments from {@code keras4j.Keras}: {@code poolSize(...)}, {@code
   *     strides(...)}, {@code padding(...)}, {@code name(...)}
   */
  public MaxPooling2D(LayerArg... args) {
    super(2, true, args);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the layer's Keras config
   * @return the layer the config describes
   */
  public static MaxPooling2D fromConfig(ConfigReader config) {
    return new MaxPooling2D(configArgs(config));
  }
}
