package keras4j.models;

import keras4j.backend.DType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.Kwarg;
import keras4j.core.LayerArg;
import keras4j.dtype_policies.DTypePolicies;
import keras4j.layers.Input;
import keras4j.layers.InputLayer;
import keras4j.layers.Layer;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * A plain stack of layers, Keras's {@code Sequential}: {@code new Sequential(new Dense(64,
 * activation("relu"), inputShape(784)), new Dense(10, activation("softmax")))}, or {@link #add}
 * one layer at a time. The input shape comes from the first layer's {@code inputShape}, or from
 * the data at the first {@code fit}/{@code predict}.
 */
public class Sequential extends Model {
  private final List<Layer> stack = new ArrayList<>();
  // A first InputLayer (Keras's Sequential([Input(...), ...])): the input shape and dtype.
  private InputLayer input;

  /**
   * A model running {@code layers} in order.
   *
   * @param layers the layers, in order; the first may declare {@code inputShape(...)}
   */
  public Sequential(Layer... layers) {
    this(java.util.Arrays.asList(layers));
  }

  /**
   * A model running {@code layers} in order; {@code args} may give its {@code name}.
   *
   * @param layers the layers, in order; the first may declare {@code inputShape(...)}
   * @param args model arguments, e.g. {@code name("classifier")}
   */
  public Sequential(List<? extends Layer> layers, LayerArg... args) {
    super(args);
    for (Layer layer : layers) {
      add(layer);
    }
  }

  /**
   * Keras's {@code Sequential.from_config}, for Keras 2 and 3 configs: the layers in order, the
   * input shape from the InputLayer Keras 3 writes first, Keras 2's {@code batch_input_shape} on
   * the first layer, or the recorded build shape.
   *
   * @param config the model's saved config: its layers in order
   * @return a new model with the saved layers, not yet holding the saved weights
   */
  public static Sequential fromConfig(ConfigReader config) {
    List<ConfigReader> layerEntries = new ArrayList<>();
    long[] sample = null;
    String dtype = "float32";
    for (ConfigReader entry : config.objects("layers")) {
      if (layerEntries.isEmpty() && sample == null) {
        sample = sampleDims(entry.object("config"));
      }
      if ("InputLayer".equals(entry.string("class_name"))
          && entry.object("config").raw("dtype") instanceof String name) {
        dtype = name;
      }
      if (!"InputLayer".equals(entry.string("class_name"))) {
        layerEntries.add(entry);
      }
    }
    if (layerEntries.isEmpty()) {
      throw new IllegalArgumentException("The Sequential model at " + config.path()
          + " has no layers");
    }
    ConfigReader build = layerEntries.get(0).optionalObject("build_config");
    if (sample == null && build != null) {
      sample = build.sampleShape("input_shape");
    }
    if (sample == null) {
      sample = config.sampleShape("build_input_shape");
    }
    if (sample == null) {
      throw new IllegalArgumentException("The Sequential model '" + config.raw("name")
          + "' does not record its input shape, so its weights cannot be built");
    }
    List<Layer> layers = new ArrayList<>();
    if (!dtype.equals("float32")) {
      layers.add(new InputLayer(dtype, sample));
    }
    for (ConfigReader entry : layerEntries) {
      // keras4j takes a Sequential model's input shape from its first layer.
      layers.add(BuiltinClasses.LAYERS.deserialize(layers.stream().allMatch(InputLayer.class::isInstance)
          ? entry.with("config", entry.object("config")
              .with("batch_input_shape", batchShape(sample)).asMap())
          : entry));
    }
    // As Keras's from_config, the model's own dtype policy is the global one: its layers keep
    // theirs.
    return new Sequential(layers, new Kwarg("name", config.string("name", "sequential")));
  }

  /** The sample dimensions of a layer config's batch shape, or null if it has none. */
  private static long[] sampleDims(ConfigReader layerConfig) {
    return layerConfig.sampleShape(
        layerConfig.has("batch_shape") ? "batch_shape" : "batch_input_shape");
  }

  private static List<Object> batchShape(long[] sample) {
    List<Object> out = new ArrayList<>();
    out.add(null);
    for (long d : sample) {
      out.add(d);
    }
    return out;
  }

  /**
   * Keras's {@code Sequential.get_config}: name, trainable, dtype policy, the layers (an InputLayer first once
   * the input shape is known) and the build input shape.
   */
  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name());
    config.put("trainable", isTrainable());
    config.put("dtype", DTypePolicies.serialize(dtypePolicy()));
    List<Object> layers = new ArrayList<>();
    Shape input = inputShape();
    if (input != null) {
      InputLayer inputLayer = (InputLayer) Input.named(name() + "_input",
          this.input == null ? "float32" : this.input.dtype(), input.tail().asArray())
          .kerasHistory().operation();
      layers.add(BuiltinClasses.serialize(inputLayer));
    }
    for (Layer layer : stack) {
      layers.add(BuiltinClasses.serialize(layer));
    }
    config.put("layers", layers);
    if (input != null) {
      config.put("build_input_shape", BuiltinClasses.shapeList(input));
    }
    return config;
  }

  /**
   * Appends a layer.
   *
   * @param layer the layer to run after the current last one
   */
  public void add(Layer layer) {
    if (isBuilt()) {
      throw new IllegalStateException(
          "Cannot add layer '" + layer.name() + "': model '" + name() + "' has already run;"
              + " add every layer before the first fit, predict or summary");
    }
    if (layer instanceof InputLayer first) {
      if (!stack.isEmpty() || input != null) {
        throw new IllegalArgumentException("An InputLayer can only be the first layer of"
            + " Sequential model '" + name() + "'");
      }
      input = first;
      return;
    }
    stack.add(layer);
  }

  @Override
  public KerasTensor call(KerasTensor inputs) {
    if (stack.isEmpty()) {
      throw new IllegalStateException("Sequential model '" + name() + "' has no layers");
    }
    KerasTensor x = inputs;
    for (Layer layer : stack) {
      x = layer.apply(x);
    }
    return x;
  }

  @Override
  public List<Layer> layers() {
    return List.copyOf(stack);
  }

  @Override
  public Shape inputShape() {
    if (isBuilt()) {
      return builtInputShape();
    }
    if (input != null) {
      return input.shape();
    }
    return stack.isEmpty() ? null : stack.get(0).declaredInputShape();
  }

  @Override
  List<DType> inputDtypes() {
    return List.of(DType.of(input == null ? "float32" : input.dtype(), "input dtype"));
  }
}
