package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/** Keras's {@code Maximum} layer: the element-wise maximum of its inputs. */
public class Maximum extends Merge {
  /** The merge; {@code args} may give its {@code name}. */
  public Maximum(LayerArg... args) {
    super(Ops::maximum, args);
  }

  /** Keras's {@code from_config}. */
  public static Maximum fromConfig(ConfigReader config) {
    return new Maximum(ConfigArgs.of(config).get());
  }
}
