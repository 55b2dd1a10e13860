package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/** The maximum of each 3-D window, Keras's {@code MaxPooling3D}. */
public class MaxPooling3D extends BasePooling {
  /**
   * Pools with {@code poolSize} (default 2 per axis), {@code strides}, {@code padding}.
   *
   * @param args keyword arguments from {@code keras4j.Keras}: {@code poolSize(...)}, {@code
   *     strides(...)}, {@code padding(...)}, {@code name(...)}
   */
  public MaxPooling3D(LayerArg... args) {
    super(3, true, args);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the layer's Keras config
   * @return the layer the config describes
   */
  public static MaxPooling3D fromConfig(ConfigReader config) {
    return new MaxPooling3D(configArgs(config));
  }
}
