package keras4j.layers;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * Keras's {@code BaseSeparableConv}, behind {@link SeparableConv1D} and {@link SeparableConv2D}:
 * a depthwise convolution ({@code depth_multiplier} filters per input channel, default 1) then a
 * 1x1 convolution to {@code filters} channels, weights {@code depthwise_kernel} {@code
 * (*kernel_size, in_channels, depth_multiplier)} and {@code pointwise_kernel} {@code (*1,
 * in_channels * depth_multiplier, filters)}, each with its initializer and regularizer.
 */
public abstract class BaseSeparableConv extends AbstractConv {
  private static final String[] KERNELS = {"depthwise", "pointwise"};
  private final int depthMultiplier;
  private Variable depthwiseKernel;
  private Variable pointwiseKernel;

  BaseSeparableConv(int rank, int filters, Object kernelSize, LayerArg[] args) {
    super(rank, filters, kernelSize, args, false, KERNELS, "depth_multiplier");
    this.depthMultiplier = positive("depth_multiplier", arg("depth_multiplier", 1));
  }

  /** The keyword arguments of a separable convolution's Keras config. */
  static LayerArg[] configArgs(ConfigReader config) {
    return configArgs(config, KERNELS).integer("depth_multiplier").get();
  }

  @Override
  void createKernels(long inputChannels) {
    depthwiseKernel = settings.addKernel(this, KERNELS[0], "depthwise_kernel",
        kernelShape(inputChannels, depthMultiplier));
    long[] pointwise = new long[rank() + 2];
    java.util.Arrays.fill(pointwise, 1);
    pointwise[rank()] = inputChannels * depthMultiplier;
    pointwise[rank() + 1] = filters();
    pointwiseKernel = settings.addKernel(this, KERNELS[1], "pointwise_kernel",
        Shape.of(pointwise));
  }

  @Override
  KerasTensor convolve(KerasTensor inputs) {
    return Ops.separableConv(inputs, depthwiseKernel, pointwiseKernel, strides, padding,
        dilationRate);
  }

  @Override
  void putOwnConfig(Map<String, Object> config) {
    config.put("depth_multiplier", depthMultiplier);
    config.put("filters", filters());
  }
}
