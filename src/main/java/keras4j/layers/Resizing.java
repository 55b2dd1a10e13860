package keras4j.layers;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.ops.ImageOps;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * Resizes channels-last images to {@code height} x {@code width}, Keras's {@code Resizing}, in
 * training and inference alike: {@code interpolation} "bilinear" (the default), "nearest" or
 * "bicubic"; with {@code crop_to_aspect_ratio} (from a config) the largest centered window of the
 * target's aspect ratio is resized, so nothing is stretched.
 */
public class Resizing extends Layer {
  private final int height;
  private final int width;
  private final String interpolation;
  private final boolean cropToAspectRatio;

  /**
   * Resizes to {@code height} x {@code width}.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   * @param height the height in pixels
   * @param width the width in pixels
   */
  public Resizing(int height, int width, LayerArg... args) {
    super(args, "interpolation", "crop_to_aspect_ratio");
    ImageGeometry.checkSize("Resizing", height, width);
    this.height = height;
    this.width = width;
    this.interpolation = arg("interpolation", "bilinear");
    if (!java.util.Set.of("bilinear", "nearest", "bicubic").contains(interpolation)) {
      throw new IllegalArgumentException("Resizing interpolation must be \"bilinear\", \"nearest\""
          + " or \"bicubic\", got '" + interpolation + "'");
    }
    this.cropToAspectRatio = arg("crop_to_aspect_ratio", false);
  }

  /**
   * Keras's {@code from_config} (pad_to_aspect_ratio and antialias are refused).
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static Resizing fromConfig(ConfigReader config) {
    ConfigArgs.requireChannelsLast(config);
    for (String key : new String[] {"pad_to_aspect_ratio", "antialias"}) {
      if (config.bool(key, false)) {
        throw config.unsupported(key + "=True");
      }
    }
    return new Resizing(config.intValue("height"), config.intValue("width"),
        ConfigArgs.of(config).string("interpolation").bool("crop_to_aspect_ratio").get());
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return cropToAspectRatio ? smartResize(inputs, height, width, interpolation)
        : ImageOps.resize(inputs, height, width, interpolation);
  }

  /**
   * Keras's {@code smart_resize}: the largest centered window of {@code images} with the aspect
   * ratio of {@code height} x {@code width}, resized to that size.
   */
  static KerasTensor smartResize(KerasTensor images, int height, int width, String interpolation) {
    long h = images.shape().get(1);
    long w = images.shape().get(2);
    if (h < 0 || w < 0) {
      throw new IllegalArgumentException("Cropping to an aspect ratio needs the image height and"
          + " width known, got " + keras4j.core.Shapes.toKeras(images.shape()));
    }
    long cropHeight = Math.max(Math.min(h, (long) ((double) (w * height) / width)), 1);
    long cropWidth = Math.max(Math.min(w, (long) ((double) (h * width) / height)), 1);
    KerasTensor window = ImageOps.window(images, (int) ((h - cropHeight) / 2),
        (int) ((w - cropWidth) / 2), cropHeight, cropWidth);
    return ImageOps.resize(window, height, width, interpolation);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return ImageGeometry.resized(inputShape, height, width, describe());
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("data_format", "channels_last");
    config.put("height", height);
    config.put("width", width);
    config.put("interpolation", interpolation);
    config.put("crop_to_aspect_ratio", cropToAspectRatio);
    config.put("pad_to_aspect_ratio", false);
    config.put("fill_mode", "constant");
    config.put("fill_value", 0.0);
    config.put("antialias", false);
    return config;
  }
}
