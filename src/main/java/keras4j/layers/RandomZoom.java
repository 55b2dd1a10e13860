package keras4j.layers;

import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Zooms each image by a random factor while training, Keras's {@code RandomZoom}: {@code new
 * RandomZoom(0.2)} scales the sampled area's height by 1 + a value in [-0.2, 0.2] (negative
 * values zoom in), the width alike unless {@code widthFactor(...)} is given. See {@link
 * RandomAffineLayer} for the fill settings.
 */
public class RandomZoom extends RandomAffineLayer {
  private final Object heightFactor;
  private final Object widthFactor;
  private final double[] height;
  private final double[] width;

  /**
   * Zooms the height by up to {@code heightFactor} either way, the width as the height unless
   * {@code widthFactor(...)} is given.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   * @param heightFactor the height factor: a fraction either way, or a (min, max) range
   */
  public RandomZoom(double heightFactor, LayerArg... args) {
    this((Object) heightFactor, args);
  }

  /**
   * Zooms the height by a factor in {@code [heightFactor[0], heightFactor[1]]}.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   * @param heightFactor the height factor: a fraction either way, or a (min, max) range
   */
  public RandomZoom(double[] heightFactor, LayerArg... args) {
    this((Object) heightFactor, args);
  }

  private RandomZoom(Object heightFactor, LayerArg[] args) {
    super(args, "width_factor");
    double[] width = arg("width_factor", null);
    this.heightFactor = heightFactor;
    this.widthFactor = width == null ? null : width.length == 1 ? (Object) width[0] : width;
    this.height = zoom(heightFactor, "RandomZoom height_factor");
    this.width = width == null ? null : zoom(widthFactor, "RandomZoom width_factor");
  }

  private static double[] zoom(Object factor, String what) {
    double[] range = factor(factor, Double.NEGATIVE_INFINITY, what);
    if (range[0] <= -1 || range[1] > 1) {
      throw new IllegalArgumentException(what + " must be in (-1, 1], got "
          + java.util.Arrays.toString(range));
    }
    return range;
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static RandomZoom fromConfig(ConfigReader config) {
    Object width = factorOf(config, "width_factor");
    return new RandomZoom(factorOf(config, "height_factor"), withFillConfig(configArgs(config),
        config).add("width_factor", width instanceof Double d ? new double[] {d} : width).get());
  }

  @Override
  protected KerasTensor transforms(KerasTensor images, long h, long w) {
    KerasTensor zy = uniform(images, 1, 1 + height[0], 1 + height[1]);
    KerasTensor zx = width == null ? zy : uniform(images, 1, 1 + width[0], 1 + width[1]);
    // Keras's _get_zoom_matrix: zoom about the image's center.
    KerasTensor zero = Ops.zerosLike(zx);
    KerasTensor dx = Ops.multiply(Ops.add(Ops.negative(zx), 1), (w - 1) / 2.0);
    KerasTensor dy = Ops.multiply(Ops.add(Ops.negative(zy), 1), (h - 1) / 2.0);
    return rows(zx, zero, dx, zero, zy, dy);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("height_factor", asConfig(heightFactor));
    config.put("width_factor", asConfig(widthFactor));
    return config;
  }

  /** A factor as Keras writes it: the number, or the pair as a list. */
  static Object asConfig(Object factor) {
    return factor instanceof double[] pair ? List.of(pair[0], pair[1]) : factor;
  }
}
