package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/**
 * 2-D separable convolution, Keras's {@code SeparableConv2D}: a depthwise convolution then a
 * 1x1 one, {@code new SeparableConv2D(32, 3, padding("same"), activation("relu"))}; far fewer
 * weights than a Conv2D of the same size.
 */
public class SeparableConv2D extends BaseSeparableConv {
  /** {@code filters} outputs from square kernels of {@code kernelSize} x {@code kernelSize}. */
  public SeparableConv2D(int filters, int kernelSize, LayerArg... args) {
    super(2, filters, kernelSize, args);
  }

  /** {@code filters} outputs from kernels of {@code kernelSize = {height, width}}. */
  public SeparableConv2D(int filters, int[] kernelSize, LayerArg... args) {
    super(2, filters, kernelSize, args);
  }

  /** Keras's {@code from_config} (channels-first is refused). */
  public static SeparableConv2D fromConfig(ConfigReader config) {
    return new SeparableConv2D(config.intValue("filters"), config.ints("kernel_size"),
        configArgs(config));
  }
}
