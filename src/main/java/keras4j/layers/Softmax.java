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

  /**
   * A softmax over the last axis ({@code axis}, if given, must name it).
   *
   * @param args keyword arguments: {@code name(...)}, {@code trainable(...)}, or {@code axis(-1)}
   */
  public Softmax(LayerArg... args) {
    super(args, "axis");
    this.axis = LastAxis.of(this);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
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
