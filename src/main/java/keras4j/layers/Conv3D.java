package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/**
 * 3-D convolution over channels-last volumes {@code (batch, depth, height, width, channels)},
 * Keras's {@code Conv3D}: {@code new Conv3D(8, 3, padding("same"))}. The kernel is {@code (kd,
 * kh, kw, in_channels / groups, filters)}.
 */
public class Conv3D extends BaseConv {
  /** {@code filters} cubic kernels of {@code kernelSize} on each axis. */
  public Conv3D(int filters, int kernelSize, LayerArg... args) {
    super(3, filters, kernelSize, args);
  }

  /** {@code filters} kernels of {@code kernelSize = {depth, height, width}}. */
  public Conv3D(int filters, int[] kernelSize, LayerArg... args) {
    super(3, filters, kernelSize, args);
  }

  /** Keras's {@code from_config} (channels-first is refused). */
  public static Conv3D fromConfig(ConfigReader config) {
    return new Conv3D(config.intValue("filters"), config.ints("kernel_size"), configArgs(config));
  }
}
