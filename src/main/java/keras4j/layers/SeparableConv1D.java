package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/**
 * 1-D separable convolution, Keras's {@code SeparableConv1D}: a depthwise convolution then a
 * 1x1 one over channels-last sequences.
 */
public class SeparableConv1D extends BaseSeparableConv {
  /**
   * {@code filters} outputs from kernels of {@code kernelSize} steps.
   *
   * @param filters the number of output channels (filters)
   * @param kernelSize the kernel's size on every spatial axis
   * @param args keyword arguments from {@code keras4j.Keras}, such as {@code strides(...)}, {@code
   *     padding(...)}, {@code activation(...)}, {@code name(...)}
   */
  public SeparableConv1D(int filters, int kernelSize, LayerArg... args) {
    super(1, filters, kernelSize, args);
  }

  /**
   * {@code filters} outputs from kernels of {@code kernelSize = {steps}}.
   *
   * @param filters the number of output channels (filters)
   * @param kernelSize the kernel's size, one value per spatial axis
   * @param args keyword arguments from {@code keras4j.Keras}, such as {@code strides(...)}, {@code
   *     padding(...)}, {@code activation(...)}, {@code name(...)}
   */
  public SeparableConv1D(int filters, int[] kernelSize, LayerArg... args) {
    super(1, filters, kernelSize, args);
  }

  /**
   * Keras's {@code from_config} (channels-first is refused).
   *
   * @param config the layer's Keras config
   * @return the layer the config describes
   */
  public static SeparableConv1D fromConfig(ConfigReader config) {
    return new SeparableConv1D(config.intValue("filters"), config.ints("kernel_size"),
        configArgs(config));
  }
}
