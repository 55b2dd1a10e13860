package keras4j.layers;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Shifts each image by a random offset while training, Keras's {@code RandomTranslation}:
 * {@code new RandomTranslation(0.1, 0.2)} moves it by up to 10% of its height vertically and 20%
 * of its width horizontally, either way (a double[] pair gives the range). See {@link
 * RandomAffineLayer} for the fill settings.
 */
public class RandomTranslation extends RandomAffineLayer {
  private final Object heightFactor;
  private final Object widthFactor;
  private final double[] height;
  private final double[] width;

  private RandomTranslation(Object heightFactor, Object widthFactor, LayerArg[] args) {
    super(args);
    this.heightFactor = heightFactor;
    this.widthFactor = widthFactor;
    this.height = shift(heightFactor, "RandomTranslation height_factor");
    this.width = shift(widthFactor, "RandomTranslation width_factor");
  }

  /**
   * Shifts by up to {@code heightFactor} and {@code widthFactor} (fractions) either way.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   * @param heightFactor the height factor: a fraction either way, or a (min, max) range
   * @param widthFactor the width factor: a fraction either way, or a (min, max) range
   */
  public RandomTranslation(double heightFactor, double widthFactor, LayerArg... args) {
    this((Object) heightFactor, (Object) widthFactor, args);
  }

  /**
   * Shifts by fractions in the ranges {@code (min, max)} given, each in [-1, 1].
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   * @param heightFactor the height factor: a fraction either way, or a (min, max) range
   * @param widthFactor the width factor: a fraction either way, or a (min, max) range
   */
  public RandomTranslation(double[] heightFactor, double[] widthFactor, LayerArg... args) {
    this((Object) heightFactor, (Object) widthFactor, args);
  }

  private static double[] shift(Object factor, String what) {
    double[] range = factor(factor, Double.NEGATIVE_INFINITY, what);
    if (range[0] < -1 || range[1] > 1) {
      throw new IllegalArgumentException(what + " must be in [-1, 1], got "
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
  public static RandomTranslation fromConfig(ConfigReader config) {
    return new RandomTranslation(factorOf(config, "height_factor"),
        factorOf(config, "width_factor"), withFillConfig(configArgs(config), config).get());
  }

  @Override
  protected KerasTensor transforms(KerasTensor images, long h, long w) {
    KerasTensor dx = uniform(images, 1, width[0] * w, width[1] * w);
    KerasTensor dy = uniform(images, 1, height[0] * h, height[1] * h);
    KerasTensor one = Ops.onesLike(dx);
    KerasTensor zero = Ops.zerosLike(dx);
    return rows(one, zero, Ops.negative(dx), zero, one, Ops.negative(dy));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("height_factor", RandomZoom.asConfig(heightFactor));
    config.put("width_factor", RandomZoom.asConfig(widthFactor));
    return config;
  }
}
