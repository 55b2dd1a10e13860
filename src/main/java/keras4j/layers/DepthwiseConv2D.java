package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/**
 * 2-D depthwise convolution, Keras's {@code DepthwiseConv2D}: each channel of the image
 * convolved on its own, {@code new DepthwiseConv2D(3, padding("same"), depthMultiplier(2))}. The
 * kernel is {@code (kh, kw, in_channels, depth_multiplier)}, as in Keras.
 */
public class DepthwiseConv2D extends BaseDepthwiseConv {
  /**
   * Square kernels of {@code kernelSize} x {@code kernelSize}.
   *
   * @param kernelSize the kernel's size on every spatial axis
   * @param args keyword arguments from {@code keras4j.Keras}, such as {@code strides(...)}, {@code
   *     padding(...)}, {@code activation(...)}, {@code name(...)}
   */
  public DepthwiseConv2D(int kernelSize, LayerArg... args) {
    super(2, kernelSize, args);
  }

  /**
   * Kernels of {@code kernelSize = {height, width}}.
   *
   * @param kernelSize the kernel's size, one value per spatial axis
   * @param args keyword arguments from {@code keras4j.Keras}, such as {@code strides(...)}, {@code
   *     padding(...)}, {@code activation(...)}, {@code name(...)}
   */
  public DepthwiseConv2D(int[] kernelSize, LayerArg... args) {
    super(2, kernelSize, args);
  }

  /**
   * Keras's {@code from_config} (channels-first is refused).
   *
   * @param config the layer's Keras config
   * @return the layer the config describes
   */
  public static DepthwiseConv2D fromConfig(ConfigReader config) {
    return new DepthwiseConv2D(config.ints("kernel_size"), configArgs(config));
  }
}
