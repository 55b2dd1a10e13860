package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/**
 * 2-D separable convolution, Keras's {@code SeparableConv2D}: a depthwise convolution then a
 * 1x1 one, {@code new SeparableConv2D(32, 3, padding("same"), activation("relu"))}; far fewer
 * weights than a Conv2D of the same size.
 */
public class SeparableConv2D extends BaseSeparableConv {
  /**
   * {@code filters} outputs from square kernels of {@code kernelSize} x {@code kernelSize}.
   *
   * @param filters the number of output channels (filters)
   * @param kernelSize the kernel's size on every spatial axis
   * @param args keyword arguments from {@code keras4j.Keras}, such as {@code strides(...)}, {@code
   *     padding(...)}, {@code activation(...)}, {@code name(...)}
   */
  public SeparableConv2D(int filters, int kernelSize, LayerArg... args) {
    super(2, filters, kernelSize, args);
  }

  /**
   * {@code filters} outputs from kernels of {@code kernelSize = {height, width}}.
   *
   * @param filters the number of output channels (filters)
   * @param kernelSize the kernel's size, one value per spatial axis
   * @param args keyword arguments from {@code keras4j.Keras}, such as {@code strides(...)}, {@code
   *     padding(...)}, {@code activation(...)}, {@code name(...)}
   */
  public SeparableConv2D(int filters, int[] kernelSize, LayerArg... args) {
    super(2, filters, kernelSize, args);
  }

  /**
   * Keras's {@code from_config} (channels-first is refused).
   *
   * @param config the layer's Keras config
   * @return the layer the config describes
   */
  public static SeparableConv2D fromConfig(ConfigReader config) {
    return new SeparableConv2D(config.intValue("filters"), config.ints("kernel_size"),
        configArgs(config));
  }
}
