package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/**
 * 1-D depthwise convolution, Keras's {@code DepthwiseConv1D}: each channel of the sequence
 * convolved on its own. The kernel is {@code (k, in_channels, depth_multiplier)}.
 */
public class DepthwiseConv1D extends BaseDepthwiseConv {
  /**
   * Kernels of {@code kernelSize} steps.
   *
   * @param kernelSize the kernel's size on every spatial axis
   * @param args keyword arguments from {@code keras4j.Keras}, such as {@code strides(...)}, {@code
   *     padding(...)}, {@code activation(...)}, {@code name(...)}
   */
  public DepthwiseConv1D(int kernelSize, LayerArg... args) {
    super(1, kernelSize, args);
  }

  /**
   * Kernels of {@code kernelSize = {steps}}.
   *
   * @param kernelSize the kernel's size, one value per spatial axis
   * @param args keyword arguments from {@code keras4j.Keras}, such as {@code strides(...)}, {@code
   *     padding(...)}, {@code activation(...)}, {@code name(...)}
   */
  public DepthwiseConv1D(int[] kernelSize, LayerArg... args) {
    super(1, kernelSize, args);
  }

  /**
   * Keras's {@code from_config} (channels-first is refused).
   *
   * @param config the layer's Keras config
   * @return the layer the config describes
   */
  public static DepthwiseConv1D fromConfig(ConfigReader config) {
    return new DepthwiseConv1D(config.ints("kernel_size"), configArgs(config));
  }
}
