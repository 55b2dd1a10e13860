package keras4j.layers;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.ops.ImageOps;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * A random {@code height} x {@code width} window of the images while training (one offset per
 * batch, as Keras), Keras's {@code RandomCrop}. At inference, and in training when the images are
 * not larger than the window, the output is Keras's documented one: the largest centered window
 * of the target's aspect ratio, resized to {@code height} x {@code width} (Keras 3.15's code
 * returns the inference input uncropped, against its own output shape; keras4j follows the
 * documentation so the shape holds).
 */
public class RandomCrop extends RandomImageLayer {
  private final int height;
  private final int width;

  /**
   * Crops windows of {@code height} x {@code width}.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   * @param height the height in pixels
   * @param width the width in pixels
   */
  public RandomCrop(int height, int width, LayerArg... args) {
    super(args);
    ImageGeometry.checkSize("RandomCrop", height, width);
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
  public static RandomCrop fromConfig(ConfigReader config) {
    return new RandomCrop(config.intValue("height"), config.intValue("width"),
        configArgs(config).get());
  }

  @Override
  protected void build(Shape inputShape) {
    ImageGeometry.checkKnownSize(inputShape, describe());
  }

  @Override
  protected KerasTensor augment(KerasTensor images) {
    long h = images.shape().get(1);
    long w = images.shape().get(2);
    if (h <= height || w <= width) {
      return infer(images);
    }
    // Offsets uniform over [0, h - height] and [0, w - width], floored, as Keras.
    KerasTensor offsets = Ops.slice(uniform(images, 2, 0, 1), new long[] {0, 0},
        new long[] {1, 2});
    return ImageOps.randomWindow(images, offsets, height, width);
  }

  @Override
  protected KerasTensor infer(KerasTensor images) {
    return Resizing.smartResize(images, height, width, "bilinear");
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
    return config;
  }
}
