package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/** Keras's {@code Average} layer: the element-wise mean of its inputs. */
public class Average extends Merge {
  /**
   * The merge; {@code args} may give its {@code name}.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public Average(LayerArg... args) {
    super(Ops::add, args);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static Average fromConfig(ConfigReader config) {
    return new Average(ConfigArgs.of(config).get());
  }

  @Override
  protected keras4j.core.KerasTensor finish(keras4j.core.KerasTensor folded, int count) {
    return Ops.multiply(folded, 1.0 / count);
  }
}
