package keras4j.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Shapes;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * Keras's {@code EinsumDense} ({@code layers/core/einsum_dense.py}): {@code activation(einsum(
 * equation, inputs, kernel) + bias)}, the kernel's shape read from the equation, the input shape
 * and {@code outputShape} (the output's dimensions after the batch; -1 for one the input gives),
 * the bias over the output axes named by {@code biasAxes("...")} (none by default). {@code
 * new EinsumDense("abc,cde->abde", new long[] {-1, 2, 3})} maps {@code (batch, steps, 4)} to
 * {@code (batch, steps, 2, 3)} with a {@code (4, 2, 3)} kernel: MultiHeadAttention's projections.
 * Equations with {@code ...} are refused.
 */
public class EinsumDense extends Layer {
  private static final Pattern EQUATION = Pattern.compile("([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)");

  private final String equation;
  private final long[] partialOutputShape;
  private final String biasAxes;
  private final KernelSettings settings;
  private final String input;
  private final String weight;
  private final String output;
  private Variable kernel;
  private Variable bias;

  /**
   * An einsum of the input with a kernel.
   *
   * @param equation Keras's equation {@code "input,kernel->output"}, one letter per axis, the
   *     batch included
   * @param outputShape the output's dimensions after the batch axis, -1 where the input's
   *     dimension of the same letter is kept
   * @param args keyword arguments from {@code keras4j.Keras}: {@code biasAxes("de")}, {@code
   *     activation(...)}, {@code kernelInitializer(...)}, {@code biasInitializer(...)}, {@code
   *     kernelRegularizer(...)}, {@code biasRegularizer(...)}, {@code kernelConstraint(...)},
   *     {@code biasConstraint(...)}, {@code name("...")}
   */
  public EinsumDense(String equation, long[] outputShape, LayerArg... args) {
    super(args, "activation", "bias_axes", "kernel_initializer", "bias_initializer",
        "kernel_regularizer", "bias_regularizer", "kernel_constraint", "bias_constraint");
    Matcher m = equation == null ? null : EQUATION.matcher(equation);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("Invalid einsum equation '" + equation + "'. keras4j's"
          + " EinsumDense takes equations of the form [X],[Y]->[Z], one letter per axis (no"
          + " '...')");
    }
    this.equation = equation;
    this.input = m.group(1);
    this.weight = m.group(2);
    this.output = m.group(3);
    this.partialOutputShape = outputShape.clone();
    this.biasAxes = arg("bias_axes", null);
    if (biasAxes != null) {
      for (char c : biasAxes.toCharArray()) {
        if (output.indexOf(c) < 0) {
          throw new IllegalArgumentException("Bias dimension '" + c + "' was requested, but is"
              + " not part of the output spec '" + output + "'");
        }
      }
    }
    this.settings = new KernelSettings(this);
  }

  /**
   * Keras's {@code from_config}; quantized or LoRA layers are refused.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static EinsumDense fromConfig(ConfigReader config) {
    for (String key : new String[] {"lora_rank", "quantization_config"}) {
      if (config.raw(key) != null) {
        throw config.unsupported(key);
      }
    }
    long[] shape = config.raw("output_shape") instanceof Long n ? new long[] {n}
        : config.shape("output_shape");
    LayerArg[] args = ConfigArgs.of(config).string("bias_axes").kernelSettings().get();
    return new EinsumDense(config.string("equation"), shape, args);
  }

  /** The full output shape (batch first), then the kernel's and bias's, for {@code inputShape}. */
  private long[][] analyze(Shape inputShape) {
    if (inputShape.numDimensions() != input.length()) {
      throw new IllegalArgumentException(describe() + ": equation '" + equation + "' takes"
          + " inputs of rank " + input.length() + ", got " + Shapes.toKeras(inputShape));
    }
    long[] out = new long[partialOutputShape.length + 1];
    out[0] = inputShape.get(0);
    System.arraycopy(partialOutputShape, 0, out, 1, partialOutputShape.length);
    if (out.length != output.length()) {
      throw new IllegalArgumentException(describe() + ": output_shape "
          + Arrays.toString(partialOutputShape) + " does not match the output spec '" + output
          + "' of equation '" + equation + "'");
    }
    for (int i = 0; i < input.length(); i++) {
      int at = output.indexOf(input.charAt(i));
      if (at > 0 && out[at] < 0) {
        out[at] = inputShape.get(i);
      } else if (at > 0 && out[at] != inputShape.get(i) && inputShape.get(i) >= 0) {
        throw new IllegalArgumentException(describe() + ": Input shape and output shape do not"
            + " match at shared dimension '" + input.charAt(i) + "'. Input shape is "
            + inputShape.get(i) + ", and output shape is " + out[at] + ".");
      }
    }
    long[] kernelShape = new long[weight.length()];
    for (int i = 0; i < kernelShape.length; i++) {
      char c = weight.charAt(i);
      int inOut = output.indexOf(c);
      int inIn = input.indexOf(c);
      if (inOut < 0 && inIn < 0) {
        throw new IllegalArgumentException(describe() + ": Weight dimension '" + c + "' did not"
            + " have a match in either the input spec '" + input + "' or the output spec '"
            + output + "'");
      }
      kernelShape[i] = inOut >= 0 ? out[inOut] : inputShape.get(inIn);
      if (kernelShape[i] < 0) {
        throw new IllegalArgumentException(describe() + " needs the size of kernel axis '" + c
            + "' to be known, got inputs of shape " + Shapes.toKeras(inputShape));
      }
    }
    long[] biasShape = null;
    if (biasAxes != null) {
      int first = output.length();
      for (char c : biasAxes.toCharArray()) {
        first = Math.min(first, output.indexOf(c));
      }
      biasShape = new long[output.length() - first];
      for (int i = first; i < output.length(); i++) {
        biasShape[i - first] = biasAxes.indexOf(output.charAt(i)) >= 0 ? out[i] : 1;
      }
    }
    return new long[][] {out, kernelShape, biasShape};
  }

  @Override
  protected void build(Shape inputShape) {
    long[][] shapes = analyze(inputShape);
    kernel = settings.addKernel(this, Shape.of(shapes[1]));
    if (shapes[2] != null) {
      bias = addWeight("bias", Shape.of(shapes[2]), settings.initializerOf("bias"),
          settings.regularizerOf("bias"), settings.constraintOf("bias"));
    }
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return settings.finish(Ops.einsum(equation, inputs, kernel), bias);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return Shape.of(analyze(inputShape)[0]);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    List<Object> shape = new ArrayList<>();
    for (long d : partialOutputShape) {
      shape.add(d < 0 ? null : d);
    }
    config.put("output_shape", shape);
    config.put("equation", equation);
    config.put("activation", settings.activation.name());
    config.put("bias_axes", biasAxes);
    Map<String, Object> all = new java.util.LinkedHashMap<>();
    settings.putConfig(all);
    all.remove("activation");
    all.remove("use_bias");
    config.putAll(all);
    config.put("activity_regularizer", null);
    config.put("quantization_config", null);
    return config;
  }
}
