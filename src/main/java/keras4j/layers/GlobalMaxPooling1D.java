package keras4j.layers;

import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * The maximum of each channel over the steps, Keras's {@code GlobalMaxPooling1D}: {@code (batch,
 * steps, c)} to {@code (batch, c)}.
 */
public class GlobalMaxPooling1D extends GlobalPooling {
  /**
   * With {@code keepdims(true)} the pooled axes stay, with size 1.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public GlobalMaxPooling1D(LayerArg... args) {
    super(args, 1);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static GlobalMaxPooling1D fromConfig(ConfigReader config) {
    return new GlobalMaxPooling1D(configArgs(config));
  }

  @Override
  protected KerasTensor pool(KerasTensor x, int[] axes, boolean keepdims) {
    return Ops.max(x, axes, keepdims);
  }
}
