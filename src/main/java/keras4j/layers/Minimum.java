package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/** Keras's {@code Minimum} layer: the element-wise minimum of its inputs. */
public class Minimum extends Merge {
  /** The merge; {@code args} may give its {@code name}. */
  public Minimum(LayerArg... args) {
    super(Ops::minimum, args);
  }

  /** Keras's {@code from_config}. */
  public static Minimum fromConfig(ConfigReader config) {
    return new Minimum(ConfigArgs.of(config).get());
  }
}
