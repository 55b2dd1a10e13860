package keras4j.layers;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * {@code x} if positive, {@code alpha * (exp(x) - 1)} otherwise, Keras's {@code ELU} layer
 * (alpha 1 by default).
 */
public class ELU extends Layer {
  private final double alpha;

  /**
   * Keras's default, alpha 1.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public ELU(LayerArg... args) {
    this(1.0, args);
  }

  /**
   * The given {@code alpha}, the value negative inputs tend to (times -1).
   *
   * @param alpha the factor of the negative part
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public ELU(double alpha, LayerArg... args) {
    super(args);
    this.alpha = alpha;
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static ELU fromConfig(ConfigReader config) {
    return new ELU(config.doubleValue("alpha", 1), ConfigArgs.of(config).get());
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    KerasTensor elu = Ops.activation("elu", inputs);
    if (alpha == 1) {
      return elu;
    }
    // As Keras: where(x > 0, elu(x), alpha * elu(x)).
    return Ops.where(Ops.greater(inputs, 0), elu, Ops.multiply(elu, alpha));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("alpha", alpha);
    return config;
  }
}
