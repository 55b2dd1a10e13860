package keras4j.layers;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Shapes;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * The global pooling layers' shared part, as Keras's {@code BaseGlobalPooling}: the mean or
 * maximum over every spatial axis of channels-last inputs ({@code (batch, steps, channels)} for
 * 1D, {@code (batch, height, width, channels)} for 2D), those axes dropped or, with {@code
 * keepdims(true)}, kept with size 1.
 */
public abstract class GlobalPooling extends Layer {
  private final int spatialDims;
  private final boolean keepdims;

  /**
   * Reads {@code keepdims} (default false) for inputs of {@code spatialDims} spatial axes.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   * @param spatialDims the number of spatial axes (1 or 2)
   */
  protected GlobalPooling(LayerArg[] args, int spatialDims) {
    super(args, "keepdims");
    this.spatialDims = spatialDims;
    this.keepdims = arg("keepdims", false);
  }

  /**
   * Whether the pooled axes stay, with size 1.
   *
   * @return Keras's {@code keepdims}
   */
  protected final boolean keepdims() {
    return keepdims;
  }

  /** The keyword arguments of a global pooling layer's Keras config. */
  static LayerArg[] configArgs(ConfigReader config) {
    ConfigArgs.requireChannelsLast(config);
    return ConfigArgs.of(config).bool("keepdims").get();
  }

  /**
   * The pooling over {@code axes}: the mean or the maximum.
   *
   * @param axes the axes (negative counts from the end)
   * @param keepdims whether to keep the reduced axes with size 1
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the result
   */
  protected abstract KerasTensor pool(KerasTensor x, int[] axes, boolean keepdims);

  private int[] axes() {
    int[] axes = new int[spatialDims];
    for (int i = 0; i < spatialDims; i++) {
      axes[i] = i + 1;
    }
    return axes;
  }

  @Override
  protected void build(Shape inputShape) {
    computeOutputShape(inputShape);
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return pool(inputs, axes(), keepdims);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    if (inputShape.numDimensions() != spatialDims + 2) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " layer '" + name()
          + "' expects inputs of rank " + (spatialDims + 2) + " (batch, "
          + (spatialDims == 1 ? "steps" : "height, width") + ", channels) but got "
          + Shapes.toKeras(inputShape));
    }
    long channels = inputShape.get(spatialDims + 1);
    if (!keepdims) {
      return Shape.of(inputShape.get(0), channels);
    }
    long[] dims = new long[spatialDims + 2];
    java.util.Arrays.fill(dims, 1);
    dims[0] = inputShape.get(0);
    dims[spatialDims + 1] = channels;
    return Shape.of(dims);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("data_format", "channels_last");
    config.put("keepdims", keepdims);
    return config;
  }
}
