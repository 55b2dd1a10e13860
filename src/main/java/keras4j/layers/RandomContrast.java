package keras4j.layers;

import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Changes each image's contrast by a random factor while training, Keras's {@code
 * RandomContrast}: {@code (x - mean) * c + mean} per channel, {@code mean} over the image's
 * pixels, clipped to {@code valueRange} (default (0, 255)). {@code c} is drawn in {@code [1 -
 * lower, 1 + upper]} of the factor's range, which is {@code [0, f]} for one number {@code f}, as
 * Keras 3.15 computes it ({@code RandomContrast(0.2)} only raises the contrast, by up to 20%).
 */
public class RandomContrast extends RandomImageLayer {
  private final double[] factor;
  private final double[] valueRange;

  /**
   * Contrast factors {@code [1 - lower, 1 + upper]} of Keras's factor {@code f}.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   * @param factor the factor: a number, or a (min, max) range
   */
  public RandomContrast(double factor, LayerArg... args) {
    this((Object) factor, args);
  }

  /**
   * Contrast factors in {@code [1 - factor[0], 1 + factor[1]]}.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   * @param factor the factor: a number, or a (min, max) range
   */
  public RandomContrast(double[] factor, LayerArg... args) {
    this((Object) factor, args);
  }

  private RandomContrast(Object factor, LayerArg[] args) {
    super(args, "value_range");
    this.factor = factor(factor, 0, "RandomContrast factor");
    if (this.factor[0] < 0 || this.factor[1] > 1) {
      throw new IllegalArgumentException("RandomContrast factor must be in [0, 1], got "
          + java.util.Arrays.toString(this.factor));
    }
    this.valueRange = arg("value_range", new double[] {0, 255}).clone();
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static RandomContrast fromConfig(ConfigReader config) {
    ConfigArgs args = configArgs(config);
    if (factorOf(config, "value_range") instanceof double[] range) {
      args.add("value_range", range);
    }
    return new RandomContrast(factorOf(config, "factor"), args.get());
  }

  @Override
  protected KerasTensor augment(KerasTensor images) {
    KerasTensor c = Ops.reshape(uniform(images, 1, 1 - factor[0], 1 + factor[1]), -1, 1, 1, 1);
    KerasTensor mean = Ops.mean(images, new int[] {1, 2}, true);
    KerasTensor out = Ops.add(Ops.multiply(Ops.subtract(images, mean), c), mean);
    return Ops.clip(out, valueRange[0], valueRange[1]);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("factor", List.of(factor[0], factor[1]));
    config.put("value_range", List.of(valueRange[0], valueRange[1]));
    return config;
  }
}
