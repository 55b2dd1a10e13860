package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/**
 * Keras's {@code LSTM}, long short-term memory: four gates (i, f, c, o, in the weights in that order), sigmoid recurrent activation and tanh activation by default, the forget gate's bias starting at 1 ({@code unitForgetBias(true)}). Arguments, defaults and weights ({@code kernel}, {@code recurrent_kernel}, {@code bias})
 * as Keras's, so Keras files load; the loop is as {@link RNN} describes.
 */
public class LSTM extends RNN {
  /**
   * A layer of {@code units} units.
   *
   * @param units the size of the output and of the states
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code
   *     returnSequences(true)}, {@code returnState(true)}, {@code goBackwards(true)}, {@code
   *     dropout(0.2)}, {@code recurrentDropout(0.2)}, {@code activation("relu")}
   */
  public LSTM(int units, LayerArg... args) {
    super(args, layer -> new LSTMCell(layer, units), "unit_forget_bias");
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static LSTM fromConfig(ConfigReader config) {
    return new LSTM(config.intValue("units"), configArgs(config).bool("unit_forget_bias").get());
  }

  @Override
  RNN fromOwnConfig(ConfigReader config) {
    return fromConfig(config);
  }
}
