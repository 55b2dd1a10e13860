package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/**
 * 1-D convolution over channels-last sequences {@code (batch, steps, channels)}, Keras's {@code
 * Conv1D}: {@code new Conv1D(64, 3, activation("relu"))}, with {@code strides(...)}, {@code
 * padding("same")} or {@code padding("causal")} (output step t sees inputs up to t only), {@code
 * dilationRate(...)}, {@code groups(...)}. The kernel is {@code (k, in_channels / groups,
 * filters)}.
 */
public class Conv1D extends BaseConv {
  /**
   * {@code filters} kernels of {@code kernelSize} steps.
   *
   * @param filters the number of output channels (filters)
   * @param kernelSize the kernel's size on every spatial axis
   * @param args keyword arguments from {@code keras4j.Keras}, such as {@code strides(...)}, {@code
   *     padding(...)}, {@code activation(...)}, {@code name(...)}
   */
  public Conv1D(int filters, int kernelSize, LayerArg... args) {
    super(1, filters, kernelSize, args);
  }

  /**
   * {@code filters} kernels of {@code kernelSize = {steps}}, as Keras's one-element tuple.
   *
   * @param filters the number of output channels (filters)
   * @param kernelSize the kernel's size, one value per spatial axis
   * @param args keyword arguments from {@code keras4j.Keras}, such as {@code strides(...)}, {@code
   *     padding(...)}, {@code activation(...)}, {@code name(...)}
   */
  public Conv1D(int filters, int[] kernelSize, LayerArg... args) {
    super(1, filters, kernelSize, args);
  }

  /**
   * Keras's {@code from_config} (channels-first is refused).
   *
   * @param config the layer's Keras config
   * @return the layer the config describes
   */
  public static Conv1D fromConfig(ConfigReader config) {
    return new Conv1D(config.intValue("filters"), config.ints("kernel_size"), configArgs(config));
  }
}
