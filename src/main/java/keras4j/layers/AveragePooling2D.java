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
  /**
   * Pools with {@code poolSize} (default 2x2), {@code strides}, {@code padding}.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public AveragePooling2D(LayerArg... args) {
    super(args);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static AveragePooling2D fromConfig(ConfigReader config) {
    return new AveragePooling2D(configArgs(config));
  }

  @Override
  protected KerasTensor pool(KerasTensor x, int[] poolSize, int[] strides, String padding) {
    return Ops.averagePool(x, poolSize, strides, padding);
  }
}
