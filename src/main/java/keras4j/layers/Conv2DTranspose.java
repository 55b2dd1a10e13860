package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/**
 * 2-D transposed convolution ("deconvolution") over channels-last images, Keras's {@code
 * Conv2DTranspose}: {@code new Conv2DTranspose(16, 3, strides(2), padding("same"))} doubles the
 * height and width. Also {@code outputPadding(...)} and {@code dilationRate(...)}; the kernel is
 * {@code (kh, kw, filters, in_channels)}, as in Keras.
 */
public class Conv2DTranspose extends BaseConvTranspose {
  /**
   * {@code filters} square kernels of {@code kernelSize} x {@code kernelSize}.
   *
   * @param filters the number of output channels (filters)
   * @param kernelSize the kernel's size on every spatial axis
   * @param args keyword arguments from {@code keras4j.Keras}, such as {@code strides(...)}, {@code
   *     padding(...)}, {@code activation(...)}, {@code name(...)}
   */
  public Conv2DTranspose(int filters, int kernelSize, LayerArg... args) {
    super(2, filters, kernelSize, args);
  }

  /**
   * {@code filters} kernels of {@code kernelSize = {height, width}}.
   *
   * @param filters the number of output channels (filters)
   * @param kernelSize the kernel's size, one value per spatial axis
   * @param args keyword arguments from {@code keras4j.Keras}, such as {@code strides(...)}, {@code
   *     padding(...)}, {@code activation(...)}, {@code name(...)}
   */
  public Conv2DTranspose(int filters, int[] kernelSize, LayerArg... args) {
    super(2, filters, kernelSize, args);
  }

  /**
   * Keras's {@code from_config} (channels-first is refused).
   *
   * @param config the layer's Keras config
   * @return the layer the config describes
   */
  public static Conv2DTranspose fromConfig(ConfigReader config) {
    return new Conv2DTranspose(config.intValue("filters"), config.ints("kernel_size"),
        configArgs(config));
  }
}
