package keras4j.layers;

import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Rotates each image by a random angle while training, Keras's {@code RandomRotation}: {@code new
 * RandomRotation(0.1)} turns by up to 10% of a full turn (36 degrees) either way about the
 * image's center; {@code new RandomRotation(new double[] {-0.2, 0.3})} by a fraction in that
 * range. See {@link RandomAffineLayer} for the fill settings.
 */
public class RandomRotation extends RandomAffineLayer {
  private final double[] factor;

  /**
   * Angles up to {@code factor} of a turn either way.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   * @param factor the factor: a number, or a (min, max) range
   */
  public RandomRotation(double factor, LayerArg... args) {
    this((Object) factor, args);
  }

  /**
   * Angles in {@code [factor[0], factor[1]]} turns.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   * @param factor the factor: a number, or a (min, max) range
   */
  public RandomRotation(double[] factor, LayerArg... args) {
    this((Object) factor, args);
  }

  private RandomRotation(Object factor, LayerArg[] args) {
    super(args);
    this.factor = factor(factor, Double.NEGATIVE_INFINITY, "RandomRotation factor");
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static RandomRotation fromConfig(ConfigReader config) {
    return new RandomRotation(factorOf(config, "factor"),
        withFillConfig(configArgs(config), config).get());
  }

  @Override
  protected KerasTensor transforms(KerasTensor images, long height, long width) {
    // Keras's _compute_affine_matrix with scale 1, no shear and no translation.
    KerasTensor angle = uniform(images, 1, factor[0] * 2 * Math.PI, factor[1] * 2 * Math.PI);
    KerasTensor cos = Ops.cos(angle);
    KerasTensor sin = Ops.sin(angle);
    double cx = (width - 1) / 2.0;
    double cy = (height - 1) / 2.0;
    KerasTensor a2 = Ops.subtract(Ops.add(Ops.multiply(cos, -cx), cx), Ops.multiply(sin, -cy));
    KerasTensor b2 = Ops.add(Ops.add(Ops.multiply(sin, -cx), cy), Ops.multiply(cos, -cy));
    return rows(cos, Ops.negative(sin), a2, sin, cos, b2);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("factor", List.of(factor[0], factor[1]));
    return config;
  }
}
