package keras4j.optimizers;

import keras4j.core.Kwarg;
import keras4j.core.OptimizerArg;
import keras4j.saving.ConfigReader;

/**
 * AdamW, Keras 3's {@code AdamW}: Adam with decoupled weight decay, {@code w -= w * weightDecay
 * * lr} before each update, weight decay 0.004 by default (the other defaults are Adam's).
 */
public class AdamW extends Adam {
  /**
   * AdamW with Keras's keyword arguments: those of {@link Adam}, {@code weightDecay} 0.004 unless
   * given.
   *
   * @param args the keyword arguments; none for Keras's defaults
   */
  public AdamW(OptimizerArg... args) {
    super("adam_w", withArgs(args, new Kwarg("weight_decay", 0.004)));
  }

  /**
   * AdamW with the given learning rate.
   *
   * @param learningRate the learning rate
   * @param args more keyword arguments
   */
  public AdamW(double learningRate, OptimizerArg... args) {
    this(withArgs(args, new Kwarg("learning_rate", learningRate)));
  }

  /**
   * Keras's {@code from_config}, with Keras's defaults for what the config leaves out.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new optimizer configured as saved, with no state yet
   */
  public static AdamW fromConfig(ConfigReader config) {
    return new AdamW(configArgs(config));
  }
}
