package keras4j.layers;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Keras's {@code Masking}: the steps of a {@code (batch, steps, features)} input whose every
 * feature equals {@code maskValue} are masked for the layers after (an LSTM skips them), and
 * zeroed in the output, as Keras does.
 */
public class Masking extends Layer {
  private final double maskValue;

  /**
   * Masks the steps whose features all equal {@code maskValue}.
   *
   * @param maskValue the padding value, Keras's {@code mask_value} (default 0.0)
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}
   */
  public Masking(double maskValue, LayerArg... args) {
    super(args);
    this.maskValue = maskValue;
  }

  /**
   * Masks the steps that are all zeros, Keras's default {@code mask_value=0.0}.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}
   */
  public Masking(LayerArg... args) {
    this(0.0, args);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new layer configured as saved
   */
  public static Masking fromConfig(ConfigReader config) {
    return new Masking(config.doubleValue("mask_value", 0.0), ConfigArgs.of(config).get());
  }

  @Override
  protected boolean supportsMasking() {
    return true;
  }

  @Override
  protected KerasTensor computeMask(KerasTensor inputs, KerasTensor previousMask) {
    return Ops.any(Ops.notEqual(inputs, maskValue), -1, false);
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    KerasTensor keep = Ops.any(Ops.notEqual(inputs, maskValue), -1, true);
    return Ops.multiply(inputs, Ops.cast(keep, inputs.dtype()));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("mask_value", maskValue);
    return config;
  }
}
