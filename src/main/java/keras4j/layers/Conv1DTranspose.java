package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/**
 * 1-D transposed convolution over channels-last sequences, Keras's {@code Conv1DTranspose}: {@code
 * new Conv1DTranspose(8, 3, strides(2), padding("same"))} doubles the steps. The kernel is
 * {@code (k, filters, in_channels)}.
 */
public class Conv1DTranspose extends BaseConvTranspose {
  /**
   * {@code filters} kernels of {@code kernelSize} steps.
   *
   * @param filters the number of output channels (filters)
   * @param kernelSize the kernel's size on every spatial axis
   * @param args keyword arguments from {@code keras4j.Keras}, such as {@code strides(...)}, {@code
   *     padding(...)}, {@code activation(...)}, {@code name(...)}
   */
  public Conv1DTranspose(int filters, int kernelSize, LayerArg... args) {
    super(1, filters, kernelSize, args);
  }

  /**
   * {@code filters} kernels of {@code kernelSize = {steps}}.
   *
   * @param filters the number of output channels (filters)
   * @param kernelSize the kernel's size, one value per spatial axis
   * @param args keyword arguments from {@code keras4j.Keras}, such as {@code strides(...)}, {@code
   *     padding(...)}, {@code activation(...)}, {@code name(...)}
   */
  public Conv1DTranspose(int filters, int[] kernelSize, LayerArg... args) {
    super(1, filters, kernelSize, args);
  }

  /**
   * Keras's {@code from_config} (channels-first is refused).
   *
   * @param config the layer's Keras config
   * @return the layer the config describes
   */
  public static Conv1DTranspose fromConfig(ConfigReader config) {
    return new Conv1DTranspose(config.intValue("filters"), config.ints("kernel_size"),
        configArgs(config));
  }
}
