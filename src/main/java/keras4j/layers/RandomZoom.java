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
 * values zoom in), the width alike unless {@code widthFactor} is given. See {@link
 * RandomAffineLayer} for the fill settings.
 */
public class RandomZoom extends RandomAffineLayer {
  private final Object heightFactor;
  private final Object widthFactor;
  private final double[] height;
  private final double[] width;

  /** Zooms up to {@code heightFactor} either way, the width as the height. */
  public RandomZoom(double heightFactor, LayerArg... args) {
    this(heightFactor, null, args);
  }

  /**
   * {@code heightFactor} and {@code widthFactor}: each a Double (either way) or a double[] pair
   * (min, max), in (-1, 1]; a null width zooms the width as the height.
   */
  public RandomZoom(Object heightFactor, Object widthFactor, LayerArg... args) {
    super(args);
    this.heightFactor = heightFactor;
    this.widthFactor = widthFactor;
    this.height = zoom(heightFactor, "RandomZoom height_factor");
    this.width = widthFactor == null ? null : zoom(widthFactor, "RandomZoom width_factor");
  }

  private static double[] zoom(Object factor, String what) {
    double[] range = factor(factor, Double.NEGATIVE_INFINITY, what);
    if (range[0] <= -1 || range[1] > 1) {
      throw new IllegalArgumentException(what + " must be in (-1, 1], got "
          + java.util.Arrays.toString(range));
    }
    return range;
  }

  /** Keras's {@code from_config}. */
  public static RandomZoom fromConfig(ConfigReader config) {
    return new RandomZoom(factorOf(config, "height_factor"), factorOf(config, "width_factor"),
        withFillConfig(configArgs(config), config).get());
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
