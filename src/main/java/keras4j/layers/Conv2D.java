package keras4j.layers;

import java.util.List;
import java.util.Map;
import keras4j.Keras.LayerArg;
import keras4j.KerasTensor;
import keras4j.Variable;
import keras4j.activations.Activations;
import keras4j.backend.NeuralOps;
import keras4j.initializers.Initializer;
import keras4j.initializers.Initializers;
import keras4j.regularizers.Regularizer;
import org.tensorflow.ndarray.Shape;

/**
 * 2-D convolution over channels-last images, Keras's {@code Conv2D}: {@code new Conv2D(32, 3,
 * activation("relu"))}, with {@code strides(...)}, {@code padding("same")}, {@code
 * dilationRate(...)}. The kernel is {@code (kh, kw, in_channels, filters)} as in Keras.
 */
public class Conv2D extends Layer {
  private final int filters;
  private final int[] kernelSize;
  private final int[] strides;
  private final String padding;
  private final int[] dilationRate;
  private final keras4j.activations.Activation activation;
  private final boolean useBias;
  private final Initializer kernelInitializer;
  private final Initializer biasInitializer;
  private final Regularizer kernelRegularizer;
  private final Regularizer biasRegularizer;
  private Variable kernel;
  private Variable bias;

  /** {@code filters} square kernels of {@code kernelSize} x {@code kernelSize}. */
  public Conv2D(int filters, int kernelSize, LayerArg... args) {
    this(filters, new int[] {kernelSize, kernelSize}, args);
  }

  /** {@code filters} kernels of {@code kernelSize = {height, width}}. */
  public Conv2D(int filters, int[] kernelSize, LayerArg... args) {
    super(args, "activation", "use_bias", "kernel_initializer", "bias_initializer",
        "kernel_regularizer", "bias_regularizer", "strides", "padding", "dilation_rate");
    if (filters <= 0) {
      throw new IllegalArgumentException("Conv2D filters must be positive, got " + filters);
    }
    this.filters = filters;
    this.kernelSize = Windows2D.pair(kernelSize, "kernel_size");
    this.strides = Windows2D.pair(arg("strides", 1), "strides");
    this.padding = Windows2D.padding(arg("padding", "valid"));
    this.dilationRate = Windows2D.pair(arg("dilation_rate", 1), "dilation_rate");
    if ((strides[0] > 1 || strides[1] > 1) && (dilationRate[0] > 1 || dilationRate[1] > 1)) {
      throw new IllegalArgumentException(
          "Conv2D cannot combine strides > 1 with dilation_rate > 1 (as in Keras)");
    }
    this.activation = Activations.get(arg("activation", "linear"));
    this.useBias = arg("use_bias", true);
    this.kernelInitializer = initializer(arg("kernel_initializer", "glorot_uniform"));
    this.biasInitializer = initializer(arg("bias_initializer", "zeros"));
    this.kernelRegularizer = arg("kernel_regularizer", null);
    this.biasRegularizer = arg("bias_regularizer", null);
  }

  private static Initializer initializer(Object spec) {
    return spec instanceof Initializer given ? given : Initializers.get((String) spec);
  }

  @Override
  protected void build(Shape inputShape) {
    Windows2D.checkImages(inputShape, "Conv2D layer '" + name() + "'");
    kernel = addWeight("kernel", Shape.of(kernelSize[0], kernelSize[1], inputShape.get(3), filters),
        kernelInitializer, kernelRegularizer);
    if (useBias) {
      bias = addWeight("bias", Shape.of(filters), biasInitializer, biasRegularizer);
    }
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    var x = NeuralOps.conv2d(inputs.tensor(), kernel.value().tensor(), strides, padding,
        dilationRate);
    if (useBias) {
      x = NeuralOps.biasAdd(x, bias.value().tensor());
    }
    return activation.apply(KerasTensor.of(x));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    Windows2D.checkImages(inputShape, "Conv2D layer '" + name() + "'");
    return Windows2D.slide(inputShape, kernelSize, strides, dilationRate, padding, filters);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("filters", filters);
    config.put("kernel_size", List.of(kernelSize[0], kernelSize[1]));
    config.put("strides", List.of(strides[0], strides[1]));
    config.put("padding", padding);
    config.put("data_format", "channels_last");
    config.put("dilation_rate", List.of(dilationRate[0], dilationRate[1]));
    config.put("groups", 1);
    config.put("activation", activation.name());
    config.put("use_bias", useBias);
    config.put("kernel_initializer", kernelInitializer.getConfig());
    config.put("bias_initializer", biasInitializer.getConfig());
    config.put("kernel_regularizer", kernelRegularizer == null ? null : kernelRegularizer.getConfig());
    config.put("bias_regularizer", biasRegularizer == null ? null : biasRegularizer.getConfig());
    return config;
  }
}
