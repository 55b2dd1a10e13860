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
   * @throws IllegalArgumentException if the config has {@code "weight_decay": null}, which Keras's
   *     AdamW refuses too
   */
  public static AdamW fromConfig(ConfigReader config) {
    if (config.asMap().containsKey("weight_decay") && !config.has("weight_decay")) {
      // Keras's AdamW: a null weight decay would be plain Adam; Keras raises the same.
      throw new IllegalArgumentException(config.path("weight_decay") + ": Argument `weight_decay`"
          + " must be a float. Received: weight_decay=None");
    }
    return new AdamW(configArgs(config));
  }
}
