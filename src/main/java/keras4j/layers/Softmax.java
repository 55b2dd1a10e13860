package keras4j.layers;

import java.util.Map;
import keras4j.core.LayerArg;
import keras4j.core.KerasTensor;
import keras4j.activations.Activations;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/** The softmax over the last axis as a layer, Keras's {@code Softmax()}. */
public class Softmax extends Layer {
  private final keras4j.activations.Activation softmax = Activations.get("softmax");
  private final int axis;

  /** A softmax over the last axis ({@code axis}, if given, must name it). */
  public Softmax(LayerArg... args) {
    super(args, "axis");
    this.axis = LastAxis.of(this);
  }

  /** Keras's {@code from_config}. */
  public static Softmax fromConfig(ConfigReader config) {
    return new Softmax(ConfigArgs.of(config).add("axis", ConfigArgs.axis(config)).get());
  }

  @Override
  protected void build(Shape inputShape) {
    LastAxis.check(this, axis, inputShape);
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return softmax.apply(inputs);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("axis", axis);
    return config;
  }
}
