package keras4j.layers;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Keras's {@code BaseDepthwiseConv}, behind {@link DepthwiseConv1D} and {@link DepthwiseConv2D}:
 * each input channel convolved with its own {@code depth_multiplier} filters (default 1), a
 * {@code (*kernel_size, in_channels, depth_multiplier)} kernel set with {@code
 * depthwiseInitializer} and {@code depthwiseRegularizer}; output channel {@code c *
 * depth_multiplier + m}. Strides and dilation may be combined, as in Keras 3.
 */
public abstract class BaseDepthwiseConv extends AbstractConv {
  private static final String[] KERNELS = {"depthwise"};
  private final int depthMultiplier;
  private Variable kernel;

  BaseDepthwiseConv(int rank, Object kernelSize, LayerArg[] args) {
    super(rank, null, kernelSize, args, false, KERNELS, "depth_multiplier");
    this.depthMultiplier = positive("depth_multiplier", arg("depth_multiplier", 1));
  }

  /** The keyword arguments of a depthwise convolution's Keras config. */
  static LayerArg[] configArgs(ConfigReader config) {
    return configArgs(config, KERNELS).integer("depth_multiplier").get();
  }

  /**
   * The number of filters per input channel.
   *
   * @return the number of filters per input channel
   */
  public int depthMultiplier() {
    return depthMultiplier;
  }

  @Override
  long outputChannels(long inputChannels) {
    return inputChannels * depthMultiplier;
  }

  @Override
  void createKernels(long inputChannels) {
    // Keras names the weight "kernel" though its arguments say "depthwise".
    kernel = settings.addKernel(this, KERNELS[0], "kernel",
        kernelShape(inputChannels, depthMultiplier));
  }

  @Override
  KerasTensor convolve(KerasTensor inputs) {
    return Ops.depthwiseConv(inputs, kernel, strides, padding, dilationRate);
  }

  @Override
  void putOwnConfig(Map<String, Object> config) {
    config.put("depth_multiplier", depthMultiplier);
  }
}
