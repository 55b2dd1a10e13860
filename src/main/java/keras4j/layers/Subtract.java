package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/** Keras's {@code Subtract} layer: its first input minus its second. */
public class Subtract extends Merge {
  /** The merge; {@code args} may give its {@code name}. */
  public Subtract(LayerArg... args) {
    super(Ops::subtract, args);
  }

  /** Keras's {@code from_config}. */
  public static Subtract fromConfig(ConfigReader config) {
    return new Subtract(ConfigArgs.of(config).get());
  }

  @Override
  protected int maxInputs() {
    return 2;
  }
}
