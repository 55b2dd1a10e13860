package keras4j.layers;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.ops.ImageOps;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * Rows and columns cut off channels-last images, Keras's {@code Cropping2D}: {@code new
 * Cropping2D(new int[] {2, 3})} cuts two rows at the top and at the bottom and three columns at
 * each side, {@code new Cropping2D(new int[][] {{top, bottom}, {left, right}})} any.
 */
public class Cropping2D extends Layer {
  private final int[][] cropping;

  /**
   * Crops nothing, Keras's default.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public Cropping2D(LayerArg... args) {
    this(0, args);
  }

  /**
   * {@code cropping} rows and columns on every side.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   * @param cropping the cropping: an int, a pair (height, width) or {@code {{top, bottom}, {left,
   *     right}}}
   */
  public Cropping2D(int cropping, LayerArg... args) {
    this((Object) cropping, args);
  }

  /**
   * {@code (h, w)}: {@code h} rows at the top and at the bottom, {@code w} columns each side.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   * @param cropping the cropping: an int, a pair (height, width) or {@code {{top, bottom}, {left,
   *     right}}}
   */
  public Cropping2D(int[] cropping, LayerArg... args) {
    this((Object) cropping, args);
  }

  /**
   * {@code {{top, bottom}, {left, right}}}.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   * @param cropping the cropping: an int, a pair (height, width) or {@code {{top, bottom}, {left,
   *     right}}}
   */
  public Cropping2D(int[][] cropping, LayerArg... args) {
    this((Object) cropping, args);
  }

  private Cropping2D(Object cropping, LayerArg[] args) {
    super(args);
    this.cropping = ImageGeometry.sides(cropping, "Cropping2D cropping");
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static Cropping2D fromConfig(ConfigReader config) {
    ConfigArgs.requireChannelsLast(config);
    return new Cropping2D(ConfigArgs.sides(config, "cropping", 0), ConfigArgs.of(config).get());
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return ImageOps.crop(inputs, cropping[0][0], cropping[0][1], cropping[1][0], cropping[1][1]);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return ImageGeometry.padded(inputShape, cropping, -1, describe());
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("cropping", ImageGeometry.sidesConfig(cropping));
    config.put("data_format", "channels_last");
    return config;
  }
}
