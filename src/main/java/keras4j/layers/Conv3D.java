package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/**
 * 3-D convolution over channels-last volumes {@code (batch, depth, height, width, channels)},
 * Keras's {@code Conv3D}: {@code new Conv3D(8, 3, padding("same"))}. The kernel is {@code (kd,
 * kh, kw, in_channels / groups, filters)}.
 */
public class Conv3D extends BaseConv {
  /**
   * {@code filters} cubic kernels of {@code kernelSize} on each axis.
   *
   * @param filters the number of output channels (filters)
   * @param kernelSize the kernel's size on every spatial axis
   * @param args keyword arguments from {@code keras4j.Keras}, such as {@code strides(...)}, {@code
   *     padding(...)}, {@code activation(...)}, {@code name(...)}
   */
  public Conv3D(int filters, int kernelSize, LayerArg... args) {
    super(3, filters, kernelSize, args);
  }

  /**
   * {@code filters} kernels of {@code kernelSize = {depth, height, width}}.
   *
   * @param filters the number of output channels (filters)
   * @param kernelSize the kernel's size, one value per spatial axis
   * @param args keyword arguments from {@code keras4j.Keras}, such as {@code strides(...)}, {@code
   *     padding(...)}, {@code activation(...)}, {@code name(...)}
   */
  public Conv3D(int filters, int[] kernelSize, LayerArg... args) {
    super(3, filters, kernelSize, args);
  }

  /**
   * Keras's {@code from_config} (channels-first is refused).
   *
   * @param config the layer's Keras config
   * @return the layer the config describes
   */
  public static Conv3D fromConfig(ConfigReader config) {
    return new Conv3D(config.intValue("filters"), config.ints("kernel_size"), configArgs(config));
  }
}
