package keras4j.layers;

import java.util.Map;
import keras4j.backend.Convolutions;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * Keras's {@code BaseConvTranspose}, behind {@link Conv1DTranspose} and {@link Conv2DTranspose}:
 * the transposed convolution (the gradient of a convolution with respect to its input, an
 * upsampling), with a {@code (*kernel_size, filters, in_channels)} kernel. {@code output_padding}
 * (each less than its stride) adds cells at the end of each axis; without it the output is
 * {@code input * strides} ("same") or {@code (input - 1) * strides + max(kernel, strides)}
 * ("valid"), as Keras computes it.
 */
public abstract class BaseConvTranspose extends AbstractConv {
  private final int[] outputPadding;
  private Variable kernel;

  BaseConvTranspose(int rank, int filters, Object kernelSize, LayerArg[] args) {
    super(rank, filters, kernelSize, args, false, new String[] {KernelSettings.KERNEL},
        "output_padding");
    Object given = arg("output_padding", null);
    this.outputPadding = given == null ? null
        : Windows.tuple(given, rank, "output_padding", true);
    for (int i = 0; outputPadding != null && i < rank; i++) {
      if (outputPadding[i] >= strides[i]) {
        throw new IllegalArgumentException("`output_padding` must be strictly less than"
            + " `strides` for all dimensions. At dimension " + i + ", `output_padding` is "
            + outputPadding[i] + " but `strides` is " + strides[i] + ".");
      }
    }
    refuseStridedDilation();
  }

  /** The keyword arguments of a transposed convolution's Keras config. */
  static LayerArg[] configArgs(ConfigReader config) {
    return configArgs(config, KernelSettings.KERNEL).ints("output_padding").get();
  }

  @Override
  void createKernels(long inputChannels) {
    kernel = settings.addKernel(this, kernelShape(filters(), inputChannels));
  }

  @Override
  KerasTensor convolve(KerasTensor inputs) {
    return Ops.convTranspose(inputs, kernel, strides, padding, outputPadding, dilationRate);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    Windows.checkInputs(inputShape, rank(), describe());
    long[] out = inputShape.asArray();
    for (int i = 0; i < rank(); i++) {
      out[i + 1] = Convolutions.transposedLength(inputShape.get(i + 1), kernelSize[i], strides[i],
          dilationRate[i], padding, outputPadding == null ? -1 : outputPadding[i]);
    }
    out[rank() + 1] = filters();
    return Shape.of(out);
  }

  @Override
  void putOwnConfig(Map<String, Object> config) {
    config.put("filters", filters());
  }

  @Override
  void putWindowConfig(Map<String, Object> config) {
    config.put("output_padding", outputPadding == null ? null : Windows.list(outputPadding));
  }
}
