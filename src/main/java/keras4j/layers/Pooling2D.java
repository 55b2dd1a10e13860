package keras4j.layers;

import java.util.List;
import java.util.Map;
import keras4j.core.LayerArg;
import keras4j.core.KerasTensor;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * The 2-D pooling layers' shared part: {@code poolSize} (default 2x2), {@code strides} (default
 * the pool size) and {@code padding}, as Keras's {@code BasePooling}.
 */
public abstract class Pooling2D extends Layer {
  private final int[] poolSize;
  private final int[] strides;
  private final String padding;

  /**
   * Reads {@code poolSize}, {@code strides} and {@code padding} from {@code args}.
   *
   * @param args the subclass's keyword arguments
   */
  protected Pooling2D(LayerArg[] args) {
    super(args, "pool_size", "strides", "padding");
    this.poolSize = Windows2D.pair(arg("pool_size", 2), "pool_size");
    Object givenStrides = arg("strides", null);
    this.strides = givenStrides == null ? poolSize.clone() : Windows2D.pair(givenStrides, "strides");
    this.padding = Windows2D.padding(arg("padding", "valid"));
  }

  /** The keyword arguments of a pooling layer's Keras config. */
  static LayerArg[] configArgs(ConfigReader config) {
    ConfigArgs.requireChannelsLast(config);
    return ConfigArgs.of(config).ints("pool_size").ints("strides").string("padding").get();
  }

  /**
   * The pooling op over NHWC windows.
   *
   * @param x the images, shaped (batch, height, width, channels)
   * @param poolSize the window's height and width
   * @param strides the step between windows, height and width
   * @param padding {@code "valid"} or {@code "same"}
   * @return the pooled images
   */
  protected abstract KerasTensor pool(
      KerasTensor x, int[] poolSize, int[] strides, String padding);

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return pool(inputs, poolSize, strides, padding);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    Windows2D.checkImages(inputShape, getClass().getSimpleName() + " layer '" + name() + "'");
    return Windows2D.slide(inputShape, poolSize, strides, new int[] {1, 1}, padding,
        inputShape.get(3));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("pool_size", List.of(poolSize[0], poolSize[1]));
    config.put("padding", padding);
    config.put("strides", List.of(strides[0], strides[1]));
    config.put("data_format", "channels_last");
    return config;
  }
}
