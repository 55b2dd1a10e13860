package keras4j.layers;

import java.util.Map;
import java.util.Set;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Flips each image with probability 1/2 while training, Keras's {@code RandomFlip}: {@code
 * mode("horizontal")} left-right, {@code "vertical"} upside down, {@code
 * "horizontal_and_vertical"} (the default) both at once, as Keras draws one coin per image for
 * both.
 */
public class RandomFlip extends RandomImageLayer {
  private static final Set<String> MODES =
      Set.of("horizontal", "vertical", "horizontal_and_vertical");
  private final String mode;

  /**
   * Reads {@code mode} and {@code seed}.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public RandomFlip(LayerArg... args) {
    super(args, "mode");
    this.mode = arg("mode", "horizontal_and_vertical");
    if (!MODES.contains(mode)) {
      throw new IllegalArgumentException("RandomFlip mode must be one of " + MODES + ", got '"
          + mode + "'");
    }
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static RandomFlip fromConfig(ConfigReader config) {
    return new RandomFlip(configArgs(config).string("mode").get());
  }

  @Override
  protected KerasTensor augment(KerasTensor images) {
    // 1 for the images flipped (uniform <= 0.5, as Keras), broadcast over (h, w, c).
    KerasTensor coin = uniform(images, 1, 0, 1);
    KerasTensor flips = Ops.reshape(
        Ops.cast(Ops.greater(Ops.onesLike(coin).mul(0.5f), coin), "float32"), -1, 1, 1, 1);
    KerasTensor flipped = images;
    if (!mode.equals("vertical")) {
      flipped = Ops.flip(flipped, 2);
    }
    if (!mode.equals("horizontal")) {
      flipped = Ops.flip(flipped, 1);
    }
    return Ops.add(Ops.multiply(flipped, flips),
        Ops.multiply(images, Ops.add(Ops.negative(flips), 1)));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("mode", mode);
    return config;
  }
}
