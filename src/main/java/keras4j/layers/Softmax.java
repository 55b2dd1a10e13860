package keras4j.layers;

import java.util.Map;
import keras4j.core.LayerArg;
import keras4j.core.KerasTensor;
import keras4j.activations.Activations;

/** The softmax over the last axis as a layer, Keras's {@code Softmax()}. */
public class Softmax extends Layer {
  private final keras4j.activations.Activation softmax = Activations.get("softmax");

  /** A softmax over the last axis. */
  public Softmax(LayerArg... args) {
    super(args);
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return softmax.apply(inputs);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("axis", -1);
    return config;
  }
}
