package keras4j.layers;

import java.util.List;
import java.util.Map;
import keras4j.backend.DType;
import keras4j.core.Kwarg;
import keras4j.core.LayerArg;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/** The layer behind {@link Input}: it passes its input through. */
public final class InputLayer extends Layer {
  private static final List<String> DTYPES = List.of("float32", "int32", "int64", "bool", "string");
  private final Shape shape;
  private final String dtype;
  private final KerasTensor output;

  InputLayer(Shape shape, String name, String dtype) {
    super(name == null ? new LayerArg[0] : new LayerArg[] {new Kwarg("name", name)});
    this.shape = shape;
    this.dtype = dtype;
    this.output = recordInput(shape, dtype);
  }

  /**
   * Keras's {@code keras.layers.InputLayer(shape, dtype=...)}, for the first layer of a {@code
   * Sequential} model whose inputs are not float32: {@code new Sequential(new InputLayer("int32",
   * 20), new Embedding(1000, 16), ...)}.
   *
   * @param dtype "float32", "int32", "int64", "bool" or "string"
   * @param dims the sizes of one sample's dimensions; -1 for an unknown one
   */
  public InputLayer(String dtype, long... dims) {
    this(Shapes.batchOf(Input.checkedDims(dims)), null, checkedDtype(dtype));
  }

  /**
   * Keras's name of the dtype of the inputs.
   *
   * @return "float32", "int32", "int64", "bool" or "string"
   */
  public String dtype() {
    return dtype;
  }

  /** {@code dtype} if keras4j feeds inputs of it (Keras's other names: "int" int64, ...). */
  static String checkedDtype(String dtype) {
    String name = DType.of(dtype, "Input dtype").kerasName();
    if (!DTYPES.contains(name)) {
      throw new IllegalArgumentException("An Input's dtype must be one of " + DTYPES
          + ", got '" + dtype + "'");
    }
    return name;
  }

  /**
   * Keras's {@code from_config}: {@code batch_shape} (Keras 3) or {@code batch_input_shape}
   * (Keras 2), and {@code dtype} (a name, or Keras 2's float32 policy).
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static InputLayer fromConfig(ConfigReader config) {
    // Keras writes the input's dtype ("float32", also under a mixed policy); Keras 2 may write a
    // dtype policy instead, checked (quantized ones are refused) but the input stays float32.
    Object raw = config.raw("dtype");
    if (raw instanceof Map<?, ?>) {
      ConfigArgs.dtypePolicy(config);
    }
    String dtype = raw instanceof String name ? name : "float32";
    String key = config.has("batch_shape") ? "batch_shape" : "batch_input_shape";
    long[] sample = config.sampleShape(key);
    if (sample == null) {
      throw config.invalid(key, "the input's batch shape");
    }
    return (InputLayer) Input.named(config.string("name", null), dtype, sample).kerasHistory()
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
    config.put("dtype", dtype);
    config.put("sparse", false);
    config.put("name", name());
    return config;
  }
}
