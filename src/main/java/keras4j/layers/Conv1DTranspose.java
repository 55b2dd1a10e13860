package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/**
 * 1-D transposed convolution over channels-last sequences, Keras's {@code Conv1DTranspose}: {@code
 * new Conv1DTranspose(8, 3, strides(2), padding("same"))} doubles the steps. The kernel is
 * {@code (k, filters, in_channels)}.
 */
public class Conv1DTranspose extends BaseConvTranspose {
  /** {@code filters} kernels of {@code kernelSize} steps. */
  public Conv1DTranspose(int filters, int kernelSize, LayerArg... args) {
    super(1, filters, kernelSize, args);
  }

  /** {@code filters} kernels of {@code kernelSize = {steps}}. */
  public Conv1DTranspose(int filters, int[] kernelSize, LayerArg... args) {
    super(1, filters, kernelSize, args);
  }

  /** Keras's {@code from_config} (channels-first is refused). */
  public static Conv1DTranspose fromConfig(ConfigReader config) {
    return new Conv1DTranspose(config.intValue("filters"), config.ints("kernel_size"),
        configArgs(config));
  }
}
