package keras4j.layers;

import java.util.Map;
import keras4j.core.LayerArg;
import keras4j.core.KerasTensor;
import keras4j.activations.Activations;
import keras4j.saving.ConfigReader;

/** {@code x} if positive, {@code negativeSlope * x} otherwise; Keras's {@code LeakyReLU}. */
public class LeakyReLU extends Layer {
  private final float negativeSlope;

  /**
   * Keras 3's default slope, 0.3.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public LeakyReLU(LayerArg... args) {
    this(0.3, args);
  }

  /**
   * The given slope for negative inputs (Keras 2 called it {@code alpha}).
   *
   * @param negativeSlope the output's slope for negative inputs, at least 0 (Keras's {@code
   *     negative_slope}, default 0.3)
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public LeakyReLU(double negativeSlope, LayerArg... args) {
    super(args);
    if (!(negativeSlope >= 0)) {
      throw new IllegalArgumentException(
          "LeakyReLU negative_slope must be >= 0, got " + negativeSlope);
    }
    this.negativeSlope = (float) negativeSlope;
  }

  /**
   * Keras's {@code from_config} (Keras 2 called the slope {@code alpha}).
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static LeakyReLU fromConfig(ConfigReader config) {
    double slope = config.has("negative_slope") ? config.doubleValue("negative_slope", 0.3)
        : config.doubleValue("alpha", 0.3);
    return new LeakyReLU(slope, ConfigArgs.of(config).get());
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return Activations.relu(inputs, negativeSlope, null, 0);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("negative_slope", negativeSlope);
    return config;
  }
}
