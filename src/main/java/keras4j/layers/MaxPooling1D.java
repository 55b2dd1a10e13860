package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/** The maximum of each window of steps, Keras's {@code MaxPooling1D}. */
public class MaxPooling1D extends BasePooling {
  /**
   * Pools with {@code poolSize} (default 2 per axis), {@code strides}, {@code padding}.
   *
   * @param args keyword arguments from {@code keras4j.Keras}: {@code poolSize(...)}, {@code
   *     strides(...)}, {@code padding(...)}, {@code name(...)}
   */
  public MaxPooling1D(LayerArg... args) {
    super(1, true, args);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the layer's Keras config
   * @return the layer the config describes
   */
  public static MaxPooling1D fromConfig(ConfigReader config) {
    return new MaxPooling1D(configArgs(config));
  }
}
