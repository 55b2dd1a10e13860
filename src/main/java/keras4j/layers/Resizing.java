package keras4j.layers;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.backend.ImageKernels;
import keras4j.ops.ImageOps;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * Resizes channels-last images to {@code height} x {@code width}, Keras's {@code Resizing}, in
 * training and inference alike: {@code interpolation} "bilinear" (the default), "nearest",
 * "bicubic", "area", "lanczos3" or "lanczos5", with {@code antialias(true)} widening the kernel
 * when downscaling (as {@code tf.image.resize}). With {@code cropToAspectRatio(true)} the largest
 * centered window of the target's aspect ratio is resized, with {@code padToAspectRatio(true)} the
 * image is first padded evenly on its short side with {@code fillValue(...)} (default 0), so
 * nothing is stretched.
 */
public class Resizing extends Layer {
  private final int height;
  private final int width;
  private final String interpolation;
  private final boolean cropToAspectRatio;
  private final boolean padToAspectRatio;
  private final double fillValue;
  private final boolean antialias;

  /**
   * Resizes to {@code height} x {@code width}.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}, {@code interpolation(...)}, {@code
   *     antialias(true)}, {@code cropToAspectRatio(true)}, {@code padToAspectRatio(true)}, {@code
   *     fillMode("constant")} and {@code fillValue(...)}
   * @param height the height in pixels
   * @param width the width in pixels
   */
  public Resizing(int height, int width, LayerArg... args) {
    super(args, "interpolation", "crop_to_aspect_ratio", "pad_to_aspect_ratio", "fill_mode",
        "fill_value", "antialias");
    ImageGeometry.checkSize("Resizing", height, width);
    this.height = height;
    this.width = width;
    this.interpolation = arg("interpolation", "bilinear");
    if (!ImageKernels.INTERPOLATIONS.contains(interpolation)) {
      throw new IllegalArgumentException("Resizing interpolation must be one of "
          + ImageKernels.INTERPOLATIONS + ", got '" + interpolation + "'");
    }
    this.cropToAspectRatio = arg("crop_to_aspect_ratio", false);
    this.padToAspectRatio = arg("pad_to_aspect_ratio", false);
    if (cropToAspectRatio && padToAspectRatio) {
      throw new IllegalArgumentException("Resizing takes only one of cropToAspectRatio(true) and"
          + " padToAspectRatio(true), as Keras");
    }
    String fillMode = arg("fill_mode", "constant");
    if (!fillMode.equals("constant")) {
      throw new IllegalArgumentException("Resizing fill_mode must be \"constant\" (the only"
          + " mode Keras pads with), got '" + fillMode + "'");
    }
    this.fillValue = ((Number) arg("fill_value", 0.0)).doubleValue();
    this.antialias = arg("antialias", false);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static Resizing fromConfig(ConfigReader config) {
    ConfigArgs.requireChannelsLast(config);
    return new Resizing(config.intValue("height"), config.intValue("width"),
        ConfigArgs.of(config).string("interpolation").bool("crop_to_aspect_ratio")
            .bool("pad_to_aspect_ratio").string("fill_mode").number("fill_value")
            .bool("antialias").get());
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    if (cropToAspectRatio) {
      return smartResize(inputs, height, width, interpolation, antialias);
    }
    KerasTensor images = padToAspectRatio ? padToAspectRatio(inputs) : inputs;
    return ImageOps.resize(images, height, width, interpolation, antialias);
  }

  /**
   * Keras's padding to the target's aspect ratio: {@code fillValue} rows (or columns) added
   * evenly at both ends of the short side, {@code floor((padded - h) / 2)} each, with Keras's
   * float32 arithmetic for the padded size.
   */
  private KerasTensor padToAspectRatio(KerasTensor images) {
    long[] hw = knownSize(images, "Padding");
    long padHeight = Math.max(hw[0], (long) ((float) (hw[1] * height) / width));
    long padWidth = Math.max(hw[1], (long) ((float) (hw[0] * width) / height));
    int top = (int) ((padHeight - hw[0]) / 2);
    int left = (int) ((padWidth - hw[1]) / 2);
    if (top == 0 && left == 0) {
      return images;
    }
    return Ops.pad(images, new int[][] {{0, 0}, {top, top}, {left, left}, {0, 0}}, "constant",
        fillValue);
  }

  /** The height and width of {@code images}, which {@code what} to an aspect ratio needs. */
  private static long[] knownSize(KerasTensor images, String what) {
    long h = images.shape().get(1);
    long w = images.shape().get(2);
    if (h < 0 || w < 0) {
      throw new IllegalArgumentException(what + " to an aspect ratio needs the image height and"
          + " width known, got " + keras4j.core.Shapes.toKeras(images.shape()));
    }
    return new long[] {h, w};
  }

  /**
   * Keras's {@code smart_resize}: the largest centered window of {@code images} with the aspect
   * ratio of {@code height} x {@code width}, resized to that size.
   */
  static KerasTensor smartResize(KerasTensor images, int height, int width, String interpolation) {
    return smartResize(images, height, width, interpolation, false);
  }

  private static KerasTensor smartResize(KerasTensor images, int height, int width,
      String interpolation, boolean antialias) {
    long[] hw = knownSize(images, "Cropping");
    long h = hw[0];
    long w = hw[1];
    long cropHeight = Math.max(Math.min(h, (long) ((double) (w * height) / width)), 1);
    long cropWidth = Math.max(Math.min(w, (long) ((double) (h * width) / height)), 1);
    KerasTensor window = ImageOps.window(images, (int) ((h - cropHeight) / 2),
        (int) ((w - cropWidth) / 2), cropHeight, cropWidth);
    return ImageOps.resize(window, height, width, interpolation, antialias);
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
    config.put("pad_to_aspect_ratio", padToAspectRatio);
    config.put("fill_mode", "constant");
    config.put("fill_value", fillValue);
    config.put("antialias", antialias);
    return config;
  }
}
