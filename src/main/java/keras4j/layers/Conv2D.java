package keras4j.layers;

import java.util.List;
import java.util.Map;
import keras4j.core.LayerArg;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
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
  private final KernelSettings settings;
  private Variable kernel;
  private Variable bias;

  /**
   * {@code filters} square kernels of {@code kernelSize} x {@code kernelSize}.
   *
   * @param filters the number of output channels (kernels)
   * @param kernelSize the height and width of each kernel in pixels
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public Conv2D(int filters, int kernelSize, LayerArg... args) {
    this(filters, new int[] {kernelSize, kernelSize}, args);
  }

  /**
   * {@code filters} kernels of {@code kernelSize = {height, width}}.
   *
   * @param filters the number of output channels (kernels)
   * @param kernelSize the kernel's height and width in pixels
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public Conv2D(int filters, int[] kernelSize, LayerArg... args) {
    super(args, KernelSettings.accepted("strides", "padding", "dilation_rate"));
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
    this.settings = new KernelSettings(this);
  }

  /**
   * Keras's {@code from_config} (groups, causal padding and channels-first are refused).
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static Conv2D fromConfig(ConfigReader config) {
    ConfigArgs.requireChannelsLast(config);
    if (config.intValue("groups", 1) != 1) {
      throw config.unsupported("groups=" + config.raw("groups"));
    }
    if ("causal".equals(config.string("padding", null))) {
      throw config.unsupported("padding=causal");
    }
    return new Conv2D(config.intValue("filters"), config.ints("kernel_size"),
        ConfigArgs.of(config).kernelSettings().ints("strides").string("padding")
            .ints("dilation_rate").get());
  }

  @Override
  protected void build(Shape inputShape) {
    Windows2D.checkImages(inputShape, "Conv2D layer '" + name() + "'");
    kernel = settings.addKernel(this,
        Shape.of(kernelSize[0], kernelSize[1], inputShape.get(3), filters));
    bias = settings.addBias(this, filters);
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return settings.finish(
        Ops.conv(inputs, kernel, strides, padding, dilationRate), bias);
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
    settings.putConfig(config);
    return config;
  }
}
