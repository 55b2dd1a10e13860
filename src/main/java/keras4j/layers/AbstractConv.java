package keras4j.layers;

import java.util.Map;
import java.util.stream.Stream;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Variable;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * What every convolution layer shares, over channels-last inputs of {@code rank} spatial axes:
 * {@code kernel_size}, {@code strides} (default 1), {@code padding} ("valid"), {@code
 * dilation_rate} (1), the activation, the bias and the kernels' initializers and regularizers,
 * each checked as Keras checks them. The four families below it are Keras's bases: {@link
 * BaseConv}, {@link BaseConvTranspose}, {@link BaseDepthwiseConv} and {@link BaseSeparableConv}.
 */
public abstract class AbstractConv extends Layer {
  private final int rank;
  private final int filters;
  final int[] kernelSize;
  final int[] strides;
  final String padding;
  final int[] dilationRate;
  final KernelSettings settings;
  private Variable bias;

  /**
   * Reads the shared arguments; {@code filters} is null for the depthwise convolutions, {@code
   * kernels} are the prefixes of the layer's kernel arguments ({@code kernel}, or {@code
   * depthwise} and {@code pointwise}) and {@code own} its other ones.
   */
  AbstractConv(int rank, Integer filters, Object kernelSize, LayerArg[] args,
      boolean allowCausal, String[] kernels, String... own) {
    super(args, KernelSettings.accepted(kernels,
        Stream.concat(Stream.of("strides", "padding", "dilation_rate"), Stream.of(own))
            .toArray(String[]::new)));
    this.rank = rank;
    this.filters = filters == null ? 0 : positive("filters", filters);
    this.kernelSize = Windows.tuple(kernelSize, rank, "kernel_size");
    this.strides = Windows.tuple(arg("strides", 1), rank, "strides");
    this.padding = Windows.padding(arg("padding", "valid"), allowCausal);
    this.dilationRate = Windows.tuple(arg("dilation_rate", 1), rank, "dilation_rate");
    this.settings = new KernelSettings(this, kernels);
  }

  /** Keras's check, for the layers whose TensorFlow op cannot combine the two. */
  final void refuseStridedDilation() {
    if (max(strides) > 1 && max(dilationRate) > 1) {
      throw new IllegalArgumentException("`strides > 1` not supported in conjunction with"
          + " `dilation_rate > 1`. Received: strides=" + Windows.list(strides)
          + " and dilation_rate=" + Windows.list(dilationRate));
    }
  }

  private static int max(int[] values) {
    return java.util.Arrays.stream(values).max().orElse(1);
  }

  /**
   * The shared keyword arguments of a convolution's Keras config, with the settings of the
   * kernels of these prefixes; the family adds its own.
   */
  static ConfigArgs configArgs(ConfigReader config, String... kernels) {
    ConfigArgs.requireChannelsLast(config);
    return ConfigArgs.of(config).kernelSettings(kernels).ints("strides").string("padding")
        .ints("dilation_rate");
  }

  /** {@code value}, checked positive as Keras checks {@code filters} and the like. */
  static int positive(String argument, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException("Invalid value for argument `" + argument + "`. Expected"
          + " a strictly positive value. Received " + argument + "=" + value + ".");
    }
    return value;
  }

  /**
   * The spatial rank: 1 for Conv1D, 2 for Conv2D.
   *
   * @return the number of spatial axes
   */
  public int rank() {
    return rank;
  }

  /** {@code kernel_size + tail}, the shape of a kernel. */
  final Shape kernelShape(long... tail) {
    long[] shape = new long[rank + tail.length];
    for (int i = 0; i < rank; i++) {
      shape[i] = kernelSize[i];
    }
    System.arraycopy(tail, 0, shape, rank, tail.length);
    return Shape.of(shape);
  }

  /**
   * The number of filters (output channels).
   *
   * @return the number of filters; 0 for the depthwise convolutions, whose outputs have {@code
   *     depth_multiplier} channels per input channel
   */
  public int filters() {
    return filters;
  }

  /** The number of output channels for inputs of {@code inputChannels}. */
  long outputChannels(long inputChannels) {
    return filters;
  }

  /** Creates the kernels for inputs of {@code inputChannels}. */
  abstract void createKernels(long inputChannels);

  /** The convolution of {@code inputs}, before the bias and the activation. */
  abstract KerasTensor convolve(KerasTensor inputs);

  @Override
  protected final void build(Shape inputShape) {
    Windows.checkInputs(inputShape, rank, describe());
    long channels = inputShape.get(rank + 1);
    computeOutputShape(inputShape);
    createKernels(channels);
    bias = settings.addBias(this, outputChannels(channels));
  }

  @Override
  protected final KerasTensor call(KerasTensor inputs, boolean training) {
    return settings.finish(convolve(inputs), bias);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    Windows.checkInputs(inputShape, rank, describe());
    return Windows.slide(inputShape, kernelSize, strides, dilationRate, padding,
        outputChannels(inputShape.get(rank + 1)));
  }

  /**
   * The config: {@link #putOwnConfig} (the family's leading keys), then the window, then the
   * kernel settings, Keras's keys.
   */
  @Override
  public final Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    putOwnConfig(config);
    config.put("kernel_size", Windows.list(kernelSize));
    config.put("strides", Windows.list(strides));
    config.put("padding", padding);
    putWindowConfig(config);
    config.put("data_format", "channels_last");
    config.put("dilation_rate", Windows.list(dilationRate));
    putTrailingConfig(config);
    settings.putConfig(config);
    return config;
  }

  /** The family's keys before the window ({@code filters}, {@code depth_multiplier}). */
  abstract void putOwnConfig(Map<String, Object> config);

  /** Keys after {@code padding} ({@code output_padding}); none by default. */
  void putWindowConfig(Map<String, Object> config) {}

  /** Keys after {@code dilation_rate} ({@code groups}); none by default. */
  void putTrailingConfig(Map<String, Object> config) {}
}
