package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/**
 * 1-D separable convolution, Keras's {@code SeparableConv1D}: a depthwise convolution then a
 * 1x1 one over channels-last sequences.
 */
public class SeparableConv1D extends BaseSeparableConv {
  /** {@code filters} outputs from kernels of {@code kernelSize} steps. */
  public SeparableConv1D(int filters, int kernelSize, LayerArg... args) {
    super(1, filters, kernelSize, args);
  }

  /** {@code filters} outputs from kernels of {@code kernelSize = {steps}}. */
  public SeparableConv1D(int filters, int[] kernelSize, LayerArg... args) {
    super(1, filters, kernelSize, args);
  }

  /** Keras's {@code from_config} (channels-first is refused). */
  public static SeparableConv1D fromConfig(ConfigReader config) {
    return new SeparableConv1D(config.intValue("filters"), config.ints("kernel_size"),
        configArgs(config));
  }
}
