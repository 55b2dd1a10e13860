package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/** The mean of each 3-D window, Keras's {@code AveragePooling3D}. */
public class AveragePooling3D extends BasePooling {
  /**
   * Pools with {@code poolSize} (default 2 per axis), {@code strides}, {@code padding}.
   *
   * @param args keyword arguments from {@code keras4j.Keras}: {@code poolSize(...)}, {@code
   *     strides(...)}, {@code padding(...)}, {@code name(...)}
   */
  public AveragePooling3D(LayerArg... args) {
    super(3, false, args);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the layer's Keras config
   * @return the layer the config describes
   */
  public static AveragePooling3D fromConfig(ConfigReader config) {
    return new AveragePooling3D(configArgs(config));
  }
}
