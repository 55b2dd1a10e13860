package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/** The maximum of each window, Keras's {@code MaxPooling2D}: {@code new MaxPooling2D(poolSize(2))}. */
public class MaxPooling2D extends Pooling2D {
  /**
   * Pools with {@code poolSize} (default 2x2), {@code strides}, {@code padding}.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public MaxPooling2D(LayerArg... args) {
    super(args);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static MaxPooling2D fromConfig(ConfigReader config) {
    return new MaxPooling2D(configArgs(config));
  }

  @Override
  protected KerasTensor pool(KerasTensor x, int[] poolSize, int[] strides, String padding) {
    return Ops.maxPool(x, poolSize, strides, padding);
  }
}
