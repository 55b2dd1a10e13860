package keras4j.layers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.activations.Activation;
import keras4j.activations.Activations;
import keras4j.initializers.Initializer;
import keras4j.initializers.Initializers;
import keras4j.regularizers.Regularizer;
import org.tensorflow.ndarray.Shape;

/**
 * The settings Dense and Conv2D share, read from a layer's keyword arguments with Keras's
 * defaults: activation (linear), use_bias (true), kernel and bias initializers (Glorot uniform,
 * zeros) and regularizers (none).
 */
final class KernelSettings {
  private static final String[] ARGS = {"activation", "use_bias", "kernel_initializer",
      "bias_initializer", "kernel_regularizer", "bias_regularizer"};

  final Activation activation;
  final boolean useBias;
  private final Initializer kernelInitializer;
  private final Initializer biasInitializer;
  private final Regularizer kernelRegularizer;
  private final Regularizer biasRegularizer;

  /** Reads the settings from {@code layer}'s keyword arguments. */
  KernelSettings(Layer layer) {
    this.activation = Activations.get(layer.arg("activation", "linear"));
    this.useBias = layer.arg("use_bias", true);
    this.kernelInitializer = initializer(layer.arg("kernel_initializer", "glorot_uniform"));
    this.biasInitializer = initializer(layer.arg("bias_initializer", "zeros"));
    this.kernelRegularizer = layer.arg("kernel_regularizer", null);
    this.biasRegularizer = layer.arg("bias_regularizer", null);
  }

  /** The keyword arguments these settings take, plus a layer's {@code own}. */
  static String[] accepted(String... own) {
    return Stream.concat(Stream.of(ARGS), Stream.of(own)).toArray(String[]::new);
  }

  private static Initializer initializer(Object spec) {
    return spec instanceof Initializer given ? given : Initializers.get((String) spec);
  }

  /** Creates {@code layer}'s kernel. */
  Variable addKernel(Layer layer, Shape shape) {
    return layer.addWeight("kernel", shape, kernelInitializer, kernelRegularizer);
  }

  /** Creates {@code layer}'s bias of {@code size} values, or returns null without use_bias. */
  Variable addBias(Layer layer, long size) {
    return useBias ? layer.addWeight("bias", Shape.of(size), biasInitializer, biasRegularizer)
        : null;
  }

  /** {@code activation(x + bias)} (the bias only when there is one). */
  KerasTensor finish(KerasTensor x, Variable bias) {
    return activation.apply(bias == null ? x : x.add(bias.value()));
  }

  /** The output shape of the activation on {@code shape} (glu halves the last axis). */
  Shape outputShape(Shape shape) {
    return Activations.outputShape(activation.name(), shape);
  }

  /**
   * Adds the settings to a layer's Keras config, initializers and regularizers nested as Keras 3
   * writes them.
   */
  void putConfig(Map<String, Object> config) {
    config.put("activation", activation.name());
    config.put("use_bias", useBias);
    config.put("kernel_initializer", nested("keras.initializers", kernelInitializer.getConfig()));
    config.put("bias_initializer", nested("keras.initializers", biasInitializer.getConfig()));
    config.put("kernel_regularizer", kernelRegularizer == null ? null
        : nested("keras.regularizers", kernelRegularizer.getConfig()));
    config.put("bias_regularizer", biasRegularizer == null ? null
        : nested("keras.regularizers", biasRegularizer.getConfig()));
  }

  /** {@code {"module", "class_name", "config", "registered_name"}} of a built-in object. */
  static Map<String, Object> nested(String module, Map<String, Object> classAndConfig) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("module", module);
    out.put("class_name", classAndConfig.get("class_name"));
    out.put("config", classAndConfig.get("config"));
    out.put("registered_name", null);
    return out;
  }
}
