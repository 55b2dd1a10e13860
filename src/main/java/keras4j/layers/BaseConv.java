package keras4j.layers;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Keras's {@code BaseConv}, behind {@link Conv1D}, {@link Conv2D} and {@link Conv3D}: {@code filters} kernels of
 * {@code (*kernel_size, in_channels / groups)}, the input's channels split into {@code groups}
 * (default 1) convolved separately; {@code strides > 1} with {@code dilation_rate > 1} is refused,
 * as in Keras.
 */
public abstract class BaseConv extends AbstractConv {
  private final int groups;
  private Variable kernel;

  BaseConv(int rank, int filters, Object kernelSize, LayerArg[] args) {
    super(rank, filters, kernelSize, args, rank == 1, new String[] {KernelSettings.KERNEL},
        "groups");
    this.groups = arg("groups", 1);
    if (groups <= 0) {
      throw new IllegalArgumentException("The number of groups must be a positive integer."
          + " Received: groups=" + groups + ".");
    }
    if (filters % groups != 0) {
      throw new IllegalArgumentException("The number of filters must be evenly divisible by the"
          + " number of groups. Received: groups=" + groups + ", filters=" + filters + ".");
    }
    refuseStridedDilation();
  }

  /** The keyword arguments of a Conv layer's Keras config. */
  static LayerArg[] configArgs(ConfigReader config) {
    return configArgs(config, KernelSettings.KERNEL).integer("groups").get();
  }

  @Override
  protected Precision precision() {
    return Precision.COMPUTE_DTYPE;
  }

  @Override
  void createKernels(long inputChannels) {
    if (inputChannels % groups != 0) {
      throw new IllegalArgumentException("The number of input channels must be evenly divisible"
          + " by the number of groups. Received groups=" + groups + ", but the input has "
          + inputChannels + " channels (" + describe() + ")");
    }
    kernel = settings.addKernel(this, kernelShape(inputChannels / groups, filters()));
  }

  @Override
  KerasTensor convolve(KerasTensor inputs) {
    return Ops.conv(inputs, kernel, strides, padding, dilationRate);
  }

  @Override
  void putOwnConfig(Map<String, Object> config) {
    config.put("filters", filters());
  }

  @Override
  void putTrailingConfig(Map<String, Object> config) {
    config.put("groups", groups);
  }
}
