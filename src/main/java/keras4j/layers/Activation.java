package keras4j.layers;

import java.util.Map;
import keras4j.core.LayerArg;
import keras4j.core.KerasTensor;
import keras4j.activations.Activations;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/** Applies an activation function, Keras's {@code Activation("relu")}. */
public class Activation extends Layer {
  private final keras4j.activations.Activation activation;

  /**
   * The layer applying the activation called {@code name}.
   *
   * @param name the activation's Keras name, e.g. {@code "relu"}
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public Activation(String name, LayerArg... args) {
    super(args);
    this.activation = Activations.get(name);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static Activation fromConfig(ConfigReader config) {
    return new Activation(ConfigArgs.activation(config), ConfigArgs.of(config).get());
  }

  @Override
  protected Precision precision() {
    return Precision.COMPUTE_DTYPE;
  }

  @Override
  protected boolean supportsMasking() {
    // As Keras: a mask passes through (a Dense after Embedding(maskZero) keeps it for an LSTM).
    return true;
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return activation.apply(inputs);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return Activations.outputShape(activation.name(), inputShape);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("activation", activation.name());
    return config;
  }
}
