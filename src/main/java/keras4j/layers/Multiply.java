package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/** Keras's {@code Multiply} layer: the element-wise product of its inputs. */
public class Multiply extends Merge {
  /**
   * The merge; {@code args} may give its {@code name}.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public Multiply(LayerArg... args) {
    super(Ops::multiply, args);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static Multiply fromConfig(ConfigReader config) {
    return new Multiply(ConfigArgs.of(config).get());
  }
}
