package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/** Keras's {@code Add} layer: the element-wise sum of its inputs. */
public class Add extends Merge {
  /** The merge; {@code args} may give its {@code name}. */
  public Add(LayerArg... args) {
    super(Ops::add, args);
  }

  /** Keras's {@code from_config}. */
  public static Add fromConfig(ConfigReader config) {
    return new Add(ConfigArgs.of(config).get());
  }
}
