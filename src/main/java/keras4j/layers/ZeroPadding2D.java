package keras4j.layers;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * Rows and columns of zeros around channels-last images, Keras's {@code ZeroPadding2D}: {@code
 * new ZeroPadding2D()} adds one on every side, {@code new ZeroPadding2D(new int[] {2, 3})} two
 * rows above and below and three columns left and right, {@code new ZeroPadding2D(new int[][]
 * {{top, bottom}, {left, right}})} any.
 */
public class ZeroPadding2D extends Layer {
  private final int[][] padding;

  /**
   * One row or column of zeros on every side, Keras's default.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public ZeroPadding2D(LayerArg... args) {
    this(1, args);
  }

  /**
   * {@code padding} rows and columns on every side.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   * @param padding the padding: an int, a pair (height, width) or {@code {{top, bottom}, {left,
   *     right}}}
   */
  public ZeroPadding2D(int padding, LayerArg... args) {
    this((Object) padding, args);
  }

  /**
   * {@code (h, w)}: {@code h} rows at the top and at the bottom, {@code w} columns each side.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   * @param padding the padding: an int, a pair (height, width) or {@code {{top, bottom}, {left,
   *     right}}}
   */
  public ZeroPadding2D(int[] padding, LayerArg... args) {
    this((Object) padding, args);
  }

  /**
   * {@code {{top, bottom}, {left, right}}}.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   * @param padding the padding: an int, a pair (height, width) or {@code {{top, bottom}, {left,
   *     right}}}
   */
  public ZeroPadding2D(int[][] padding, LayerArg... args) {
    this((Object) padding, args);
  }

  private ZeroPadding2D(Object padding, LayerArg[] args) {
    super(args);
    this.padding = ImageGeometry.sides(padding, "ZeroPadding2D padding");
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static ZeroPadding2D fromConfig(ConfigReader config) {
    ConfigArgs.requireChannelsLast(config);
    return new ZeroPadding2D(ConfigArgs.sides(config, "padding", 1), ConfigArgs.of(config).get());
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return Ops.pad(inputs, new int[][] {{0, 0}, padding[0], padding[1], {0, 0}});
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return ImageGeometry.padded(inputShape, padding, 1, describe());
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("padding", ImageGeometry.sidesConfig(padding));
    config.put("data_format", "channels_last");
    return config;
  }
}
