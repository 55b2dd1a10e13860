package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/**
 * A fully-connected RNN, Keras's {@code SimpleRNN}: {@code h = activation(x @ kernel + h_prev @ recurrent_kernel + bias)} per step (tanh by default). Arguments, defaults and weights ({@code kernel}, {@code recurrent_kernel}, {@code bias})
 * as Keras's, so Keras files load; the loop is as {@link RNN} describes.
 */
public class SimpleRNN extends RNN {
  /**
   * A layer of {@code units} units.
   *
   * @param units the size of the output and of the states
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code
   *     returnSequences(true)}, {@code returnState(true)}, {@code goBackwards(true)}, {@code
   *     dropout(0.2)}, {@code recurrentDropout(0.2)}, {@code activation("relu")}
   */
  public SimpleRNN(int units, LayerArg... args) {
    super(args, layer -> new SimpleRNNCell(layer, units));
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static SimpleRNN fromConfig(ConfigReader config) {
    return new SimpleRNN(config.intValue("units"), configArgs(config).get());
  }

  @Override
  RNN fromOwnConfig(ConfigReader config) {
    return fromConfig(config);
  }
}
