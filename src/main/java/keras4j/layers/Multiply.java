package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/** Keras's {@code Multiply} layer: the element-wise product of its inputs. */
public class Multiply extends Merge {
  /** The merge; {@code args} may give its {@code name}. */
  public Multiply(LayerArg... args) {
    super(Ops::multiply, args);
  }

  /** Keras's {@code from_config}. */
  public static Multiply fromConfig(ConfigReader config) {
    return new Multiply(ConfigArgs.of(config).get());
  }
}
