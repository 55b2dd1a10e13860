package keras4j.layers;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * {@code x * scale + offset}, Keras's {@code Rescaling}: {@code new Rescaling(1.0 / 255)} maps
 * pixels to [0, 1], {@code new Rescaling(1.0 / 127.5, offset(-1))} to [-1, 1].
 */
public class Rescaling extends Layer {
  private final double scale;
  private final double offset;

  /**
   * Multiplies by {@code scale}, then adds {@code offset(...)} (default 0).
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   * @param scale the factor
   */
  public Rescaling(double scale, LayerArg... args) {
    super(args, "offset");
    this.scale = scale;
    this.offset = ((Number) arg("offset", 0.0)).doubleValue();
  }

  /**
   * Keras's {@code from_config} (one scale and offset; per-channel lists are refused).
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static Rescaling fromConfig(ConfigReader config) {
    for (String key : new String[] {"scale", "offset"}) {
      if (config.raw(key) instanceof java.util.List<?>) {
        throw config.unsupported(key + "=" + config.raw(key) + " (a list; keras4j's Rescaling"
            + " takes one number)");
      }
    }
    return new Rescaling(config.doubleValue("scale", 1),
        ConfigArgs.of(config).add("offset", config.doubleValue("offset", 0)).get());
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return Ops.add(Ops.multiply(inputs, scale), offset);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("scale", scale);
    config.put("offset", offset);
    return config;
  }
}
