package keras4j.layers;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.ops.ImageOps;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * The central {@code height} x {@code width} window of channels-last images, Keras's {@code
 * CenterCrop}, in training and inference alike; an image smaller than that is first cropped to
 * the target's aspect ratio and resized (bilinear), as Keras does.
 */
public class CenterCrop extends Layer {
  private final int height;
  private final int width;

  /**
   * Crops to {@code height} x {@code width}.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   * @param height the height in pixels
   * @param width the width in pixels
   */
  public CenterCrop(int height, int width, LayerArg... args) {
    super(args);
    ImageGeometry.checkSize("CenterCrop", height, width);
    this.height = height;
    this.width = width;
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static CenterCrop fromConfig(ConfigReader config) {
    ConfigArgs.requireChannelsLast(config);
    return new CenterCrop(config.intValue("height"), config.intValue("width"),
        ConfigArgs.of(config).get());
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return centerCrop(inputs, height, width);
  }

  /** The central window, or Keras's smart resize when the images are smaller. */
  static KerasTensor centerCrop(KerasTensor images, int height, int width) {
    long h = images.shape().get(1);
    long w = images.shape().get(2);
    if (h >= height && w >= width) {
      return ImageOps.window(images, (int) ((h - height) / 2), (int) ((w - width) / 2), height,
          width);
    }
    return Resizing.smartResize(images, height, width, "bilinear");
  }

  @Override
  protected void build(Shape inputShape) {
    ImageGeometry.checkKnownSize(inputShape, describe());
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return ImageGeometry.resized(inputShape, height, width, describe());
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("height", height);
    config.put("width", width);
    config.put("data_format", "channels_last");
    return config;
  }
}
