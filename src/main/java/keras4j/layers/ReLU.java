package keras4j.layers;

import java.util.Map;
import keras4j.core.LayerArg;
import keras4j.core.KerasTensor;
import keras4j.activations.Activations;
import keras4j.saving.ConfigReader;

/**
 * Keras's {@code ReLU} layer: {@code max(x, 0)} by default; with a {@code maxValue} ceiling, a
 * {@code negativeSlope} below the {@code threshold}, and a {@code threshold} under which the
 * output is damped.
 */
public class ReLU extends Layer {
  private final Float maxValue;
  private final float negativeSlope;
  private final float threshold;

  /**
   * The plain rectifier.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public ReLU(LayerArg... args) {
    this(null, 0, 0, args);
  }

  /**
   * The rectifier with Keras's options; {@code maxValue} null means no ceiling.
   *
   * @param maxValue the output's ceiling (Keras's {@code max_value}), or null for none
   * @param negativeSlope the slope below {@code threshold} (Keras's {@code negative_slope}, 0 for
   *     the plain rectifier)
   * @param threshold the input below which the output is damped (Keras's {@code threshold}, default
   *     0)
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public ReLU(Double maxValue, double negativeSlope, double threshold, LayerArg... args) {
    super(args);
    if (maxValue != null && maxValue < 0) {
      throw new IllegalArgumentException("ReLU max_value must be >= 0, got " + maxValue);
    }
    if (negativeSlope < 0) {
      throw new IllegalArgumentException("ReLU negative_slope must be >= 0, got " + negativeSlope);
    }
    this.maxValue = maxValue == null ? null : maxValue.floatValue();
    this.negativeSlope = (float) negativeSlope;
    this.threshold = (float) threshold;
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static ReLU fromConfig(ConfigReader config) {
    Double maxValue = config.has("max_value") ? config.doubleValue("max_value", 0) : null;
    return new ReLU(maxValue, config.doubleValue("negative_slope", 0),
        config.doubleValue("threshold", 0), ConfigArgs.of(config).get());
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return Activations.relu(
        inputs, negativeSlope, maxValue == null ? null : maxValue.doubleValue(), threshold);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("max_value", maxValue);
    config.put("negative_slope", negativeSlope);
    config.put("threshold", threshold);
    return config;
  }
}
