package keras4j.layers;

import java.util.Map;
import keras4j.core.Kwarg;
import keras4j.core.LayerArg;
import keras4j.core.KerasTensor;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/** The layer behind {@link Input}: it passes its input through. */
public final class InputLayer extends Layer {
  private final Shape shape;
  private final KerasTensor output;

  InputLayer(Shape shape, String name) {
    super(name == null ? new LayerArg[0] : new LayerArg[] {new Kwarg("name", name)});
    this.shape = shape;
    this.output = recordInput(shape);
  }

  /**
   * Keras's {@code from_config}: {@code batch_shape} (Keras 3) or {@code batch_input_shape}
   * (Keras 2), with every sample dimension known.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static InputLayer fromConfig(ConfigReader config) {
    ConfigArgs.requireFloat32(config);
    String key = config.has("batch_shape") ? "batch_shape" : "batch_input_shape";
    long[] sample = config.sampleShape(key);
    if (sample == null) {
      throw config.invalid(key, "the input's batch shape");
    }
    return (InputLayer) Input.named(config.string("name", null), sample).kerasHistory()
        .operation();
  }

  /**
   * The symbolic tensor this input layer feeds to the model (Keras's {@code layer.output}).
   *
   * @return the symbolic tensor this input layer feeds to the model (Keras's {@code layer.output})
   */
  public KerasTensor output() {
    return output;
  }

  /**
   * The input shape, batch first.
   *
   * @return the input shape, batch first
   */
  public Shape shape() {
    return shape;
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return inputs;
  }

  @Override
  public Map<String, Object> getConfig() {
    // Keras 3's InputLayer config: unknown dimensions are null.
    Map<String, Object> config = new java.util.LinkedHashMap<>();
    java.util.List<Object> batchShape = new java.util.ArrayList<>();
    for (long d : shape.asArray()) {
      batchShape.add(d < 0 ? null : d);
    }
    config.put("batch_shape", batchShape);
    config.put("dtype", "float32");
    config.put("sparse", false);
    config.put("name", name());
    return config;
  }
}
