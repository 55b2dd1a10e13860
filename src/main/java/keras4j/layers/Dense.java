package keras4j.layers;

import java.util.Map;
import keras4j.Keras.LayerArg;
import keras4j.KerasTensor;
import keras4j.Shapes;
import keras4j.Variable;
import keras4j.activations.Activations;
import keras4j.initializers.Initializer;
import keras4j.initializers.Initializers;
import keras4j.regularizers.Regularizer;
import org.tensorflow.ndarray.Shape;

/**
 * {@code activation(inputs @ kernel + bias)}, Keras's {@code Dense}: {@code new Dense(64,
 * activation("relu"))}. Kernels start Glorot-uniform and biases at zero, as in Keras.
 */
public class Dense extends Layer {
  private final int units;
  private final keras4j.activations.Activation activation;
  private final boolean useBias;
  private final Initializer kernelInitializer;
  private final Initializer biasInitializer;
  private final Regularizer kernelRegularizer;
  private final Regularizer biasRegularizer;
  private Variable kernel;
  private Variable bias;

  /** A layer of {@code units} neurons. */
  public Dense(int units, LayerArg... args) {
    super(args, "activation", "use_bias", "kernel_initializer", "bias_initializer",
        "kernel_regularizer", "bias_regularizer");
    if (units <= 0) {
      throw new IllegalArgumentException("Dense units must be positive, got " + units);
    }
    this.units = units;
    this.activation = Activations.get(arg("activation", "linear"));
    this.useBias = arg("use_bias", true);
    this.kernelInitializer = initializer(arg("kernel_initializer", "glorot_uniform"));
    this.biasInitializer = initializer(arg("bias_initializer", "zeros"));
    this.kernelRegularizer = arg("kernel_regularizer", null);
    this.biasRegularizer = arg("bias_regularizer", null);
  }

  private static Initializer initializer(Object spec) {
    return spec instanceof Initializer given ? given : Initializers.get((String) spec);
  }

  /** The number of output units. */
  public int units() {
    return units;
  }

  @Override
  protected void build(Shape inputShape) {
    if (inputShape.numDimensions() != 2 || inputShape.get(1) < 0) {
      throw new IllegalArgumentException(
          "Dense layer '" + name() + "' expects inputs shaped (batch, features) but got "
              + Shapes.toKeras(inputShape) + "; put a Flatten layer before it");
    }
    kernel = addWeight("kernel", Shape.of(inputShape.get(1), units), kernelInitializer,
        kernelRegularizer);
    if (useBias) {
      bias = addWeight("bias", Shape.of(units), biasInitializer, biasRegularizer);
    }
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    KerasTensor x = inputs.matmul(kernel.value());
    if (useBias) {
      x = x.add(bias.value());
    }
    return activation.apply(x);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return Shape.of(inputShape.get(0), units);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("units", units);
    config.put("activation", activation.name());
    config.put("use_bias", useBias);
    config.put("kernel_initializer", kernelInitializer.getConfig());
    config.put("bias_initializer", biasInitializer.getConfig());
    config.put("kernel_regularizer", kernelRegularizer == null ? null : kernelRegularizer.getConfig());
    config.put("bias_regularizer", biasRegularizer == null ? null : biasRegularizer.getConfig());
    return config;
  }
}
