package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/** The mean of each window, Keras's {@code AveragePooling2D}. */
public class AveragePooling2D extends BasePooling {
  /**
   * Pools with {@code poolSize} (default 2 per axis), {@code strides}, {@code padding}.
   *
   * @param args keyword arguments from {@code keras4j.Keras}: {@code poolSize(...)}, {@code
   *     strides(...)}, {@code padding(...)}, {@code name(...)}
   */
  public AveragePooling2D(LayerArg... args) {
    super(2, false, args);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the layer's Keras config
   * @return the layer the config describes
   */
  public static AveragePooling2D fromConfig(ConfigReader config) {
    return new AveragePooling2D(configArgs(config));
  }
}
