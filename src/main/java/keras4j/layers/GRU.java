package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.saving.ConfigReader;

/**
 * Keras's {@code GRU}, gated recurrent unit: gates z, r, h in the weights in that order, sigmoid recurrent activation and tanh activation by default, and Keras 3's {@code reset_after=True} (the reset gate applied after the recurrent matrix product, a bias of shape {@code (2, 3 * units)}). Arguments, defaults and weights ({@code kernel}, {@code recurrent_kernel}, {@code bias})
 * as Keras's, so Keras files load; the loop is as {@link RNN} describes.
 */
public class GRU extends RNN {
  /**
   * A layer of {@code units} units.
   *
   * @param units the size of the output and of the states
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code
   *     returnSequences(true)}, {@code returnState(true)}, {@code goBackwards(true)}, {@code
   *     dropout(0.2)}, {@code recurrentDropout(0.2)}, {@code activation("relu")}
   */
  public GRU(int units, LayerArg... args) {
    super(args, layer -> new GRUCell(layer, units), "reset_after");
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static GRU fromConfig(ConfigReader config) {
    return new GRU(config.intValue("units"), configArgs(config).bool("reset_after").get());
  }

  @Override
  RNN fromOwnConfig(ConfigReader config) {
    return fromConfig(config);
  }
}
