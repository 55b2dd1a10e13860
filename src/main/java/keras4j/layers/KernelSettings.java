package keras4j.layers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.activations.Activation;
import keras4j.activations.Activations;
import keras4j.initializers.Initializer;
import keras4j.initializers.Initializers;
import keras4j.constraints.Constraint;
import keras4j.regularizers.Regularizer;
import org.tensorflow.ndarray.Shape;

/**
 * The settings Dense and the convolution layers share, read from a layer's keyword arguments with
 * Keras's defaults: activation (linear), use_bias (true), and for the bias and each kernel an
 * initializer (Glorot uniform for kernels, zeros for the bias), a regularizer and a constraint
 * (none). A kernel
 * is named by its arguments' prefix: {@code kernel} ({@code kernel_initializer}, ...), or {@code
 * depthwise} and {@code pointwise} for the separable convolutions.
 */
final class KernelSettings {
  /** The prefix of Dense's and Conv's kernel. */
  static final String KERNEL = "kernel";

  /** The prefix of a recurrent layer's recurrent kernel. */
  static final String RECURRENT = "recurrent";

  final Activation activation;
  final boolean useBias;
  private final List<String> kernels;
  private final Map<String, Initializer> initializers = new LinkedHashMap<>();
  private final Map<String, Regularizer> regularizers = new LinkedHashMap<>();
  private final Map<String, Constraint> constraints = new LinkedHashMap<>();

  /** Reads the settings of one {@code kernel} and the bias from {@code layer}'s arguments. */
  KernelSettings(Layer layer) {
    this(layer, KERNEL);
  }

  /** Reads the settings of the kernels of these prefixes and the bias. */
  KernelSettings(Layer layer, String... kernels) {
    this(layer, "linear", List.of(kernels));
  }

  /**
   * Reads the settings of the kernels of these prefixes and the bias, with {@code activation}
   * the default activation (a recurrent layer's tanh); the kernel {@code recurrent} starts
   * orthogonal by default, as Keras's recurrent kernels.
   */
  KernelSettings(Layer layer, String activation, List<String> kernels) {
    this.activation = Activations.get(layer.arg("activation", activation));
    this.useBias = layer.arg("use_bias", true);
    this.kernels = List.copyOf(kernels);
    for (String prefix : prefixes()) {
      String fallback = prefix.equals("bias") ? "zeros"
          : prefix.equals(RECURRENT) ? "orthogonal" : "glorot_uniform";
      initializers.put(prefix, initializer(layer.arg(prefix + "_initializer", fallback)));
      regularizers.put(prefix, layer.arg(prefix + "_regularizer", null));
      constraints.put(prefix, layer.arg(prefix + "_constraint", null));
    }
  }

  private List<String> prefixes() {
    List<String> out = new ArrayList<>(kernels);
    out.add("bias");
    return out;
  }

  /** The keyword arguments of one {@code kernel}, plus a layer's {@code own}. */
  static String[] accepted(String... own) {
    return accepted(new String[] {KERNEL}, own);
  }

  /** The keyword arguments of the kernels of these prefixes, plus a layer's {@code own}. */
  static String[] accepted(String[] kernels, String... own) {
    Stream<String> perWeight = Stream.concat(Stream.of(kernels), Stream.of("bias"))
        .flatMap(p -> Stream.of(p + "_initializer", p + "_regularizer", p + "_constraint"));
    return Stream.of(Stream.of("activation", "use_bias"), perWeight, Stream.of(own))
        .flatMap(s -> s).toArray(String[]::new);
  }

  /** An initializer argument: an {@code Initializer}, or a built-in's Keras name. */
  static Initializer initializer(Object spec) {
    return spec instanceof Initializer given ? given : Initializers.get((String) spec);
  }

  /** Creates {@code layer}'s {@code kernel}. */
  Variable addKernel(Layer layer, Shape shape) {
    return addKernel(layer, KERNEL, KERNEL, shape);
  }

  /** Creates the weight {@code weightName} with the settings of the kernel {@code prefix}. */
  Variable addKernel(Layer layer, String prefix, String weightName, Shape shape) {
    return layer.addWeight(weightName, shape, initializers.get(prefix), regularizers.get(prefix),
        constraints.get(prefix));
  }

  /** The initializer of the weight {@code prefix} ({@code "kernel"}, {@code "bias"}, ...). */
  Initializer initializerOf(String prefix) {
    return initializers.get(prefix);
  }

  /** The regularizer of the weight {@code prefix}, or null for none. */
  Regularizer regularizerOf(String prefix) {
    return regularizers.get(prefix);
  }

  /** The constraint of the weight {@code prefix}, or null for none. */
  Constraint constraintOf(String prefix) {
    return constraints.get(prefix);
  }

  /** Creates {@code layer}'s bias of {@code size} values, or returns null without use_bias. */
  Variable addBias(Layer layer, long size) {
    return useBias ? addKernel(layer, "bias", "bias", Shape.of(size)) : null;
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
   * Adds the settings to a layer's Keras config in Keras's order (activation, use_bias, the
   * initializers, the regularizers, the constraints), nested as Keras 3 writes them.
   */
  void putConfig(Map<String, Object> config) {
    config.put("activation", activation.name());
    config.put("use_bias", useBias);
    for (String prefix : prefixes()) {
      config.put(prefix + "_initializer",
          nested("keras.initializers", initializers.get(prefix).getConfig()));
    }
    for (String prefix : prefixes()) {
      config.put(prefix + "_regularizer", nestedOrNull(regularizers.get(prefix)));
    }
    for (String prefix : prefixes()) {
      config.put(prefix + "_constraint", constraintConfig(constraints.get(prefix)));
    }
  }

  /** An initializer as Keras 3 nests it in a layer's config. */
  static Map<String, Object> initializerConfig(Initializer initializer) {
    return nested("keras.initializers", initializer.getConfig());
  }

  /** A constraint as Keras 3 nests it in a layer's config, or null for none. */
  static Map<String, Object> constraintConfig(Constraint constraint) {
    return constraint == null ? null : nested("keras.constraints", constraint.getConfig());
  }

  /** A regularizer's config as Keras 3 nests it, or null for none. */
  static Map<String, Object> nestedOrNull(Regularizer regularizer) {
    return regularizer == null ? null : nested("keras.regularizers", regularizer.getConfig());
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
