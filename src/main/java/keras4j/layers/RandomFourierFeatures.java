package keras4j.layers;

import java.util.Map;
import keras4j.constraints.NonNeg;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Shapes;
import keras4j.core.Variable;
import keras4j.initializers.Initializer;
import keras4j.initializers.RandomNormal;
import keras4j.initializers.RandomUniform;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/**
 * A random feature map that approximates a shift-invariant kernel, tf.keras's {@code
 * RandomFourierFeatures} (Rahimi and Recht, "Random Features for Large-Scale Kernel Machines"):
 * {@code cos(inputs @ (unscaled_kernel / kernel_scale) + bias)} on inputs shaped {@code (batch,
 * features)}. A linear layer on top "kernelizes" it: with hinge loss it is a quasi-SVM.
 *
 * <p>{@code kernelInitializer("gaussian")} (the default) draws the kernel from N(0, 1) and
 * approximates the Gaussian kernel {@code exp(-|x - y|^2 / (2 scale^2))}; {@code "laplacian"}
 * draws it from the standard Cauchy distribution and approximates {@code exp(-|x - y| /
 * scale)}; an {@link Initializer} draws it as given. The bias is drawn from U(0, 2π). As in
 * tf.keras the output has no {@code sqrt(2 / outputDim)} factor, the kernel and bias never train,
 * and {@code kernel_scale} (a non-negative scalar, {@code scale(..)} at first; by default {@code
 * sqrt(features / 2)} for "gaussian", 1 otherwise) trains only when the layer is made with {@code
 * trainable(true)}: unlike other layers, the default is {@code trainable(false)}.
 */
public class RandomFourierFeatures extends Layer {
  private final int outputDim;
  private final Object kernelInitializer;
  private Double scale;
  private Variable unscaledKernel;
  private Variable bias;
  private Variable kernelScale;

  /**
   * The layer of {@code outputDim} random features.
   *
   * @param outputDim the number of random features, at least 1
   * @param args {@code kernelInitializer("gaussian" | "laplacian" | initializer)}, {@code
   *     scale(double)} (positive), {@code trainable(boolean)} (default false), {@code name(..)},
   *     {@code inputShape(..)}
   */
  public RandomFourierFeatures(int outputDim, LayerArg... args) {
    super(args, "kernel_initializer", "scale");
    if (outputDim <= 0) {
      throw new IllegalArgumentException(
          "RandomFourierFeatures outputDim must be a positive integer, got " + outputDim);
    }
    this.outputDim = outputDim;
    Object init = arg("kernel_initializer", "gaussian");
    if (init instanceof String kind && !kind.equalsIgnoreCase("gaussian")
        && !kind.equalsIgnoreCase("laplacian")) {
      throw new IllegalArgumentException("RandomFourierFeatures: unsupported kernelInitializer '"
          + kind + "'; expected \"gaussian\", \"laplacian\" or an Initializer object");
    }
    this.kernelInitializer = init;
    Object given = arg("scale", null);
    if (given != null && !(given instanceof Double)) {
      throw new IllegalArgumentException("RandomFourierFeatures: scale must be a number, got "
          + given + "; pass scale(10.0)");
    }
    if (given != null && !((Double) given > 0)) {
      throw new IllegalArgumentException(
          "RandomFourierFeatures: scale must be a positive number when given, got " + given);
    }
    this.scale = (Double) given;
    if (arg("trainable", null) == null) {
      setTrainable(false); // tf.keras's default: kernel_scale stays fixed
    }
  }

  /**
   * tf.keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static RandomFourierFeatures fromConfig(ConfigReader config) {
    ConfigArgs args = ConfigArgs.of(config);
    if (config.raw("kernel_initializer") instanceof String kind) {
      args.add("kernel_initializer", kind);
    } else {
      args.initializer("kernel_initializer");
    }
    return new RandomFourierFeatures(config.intValue("output_dim"),
        args.number("scale").get());
  }

  @Override
  protected void build(Shape inputShape) {
    if (inputShape.numDimensions() != 2 || inputShape.get(1) < 0) {
      throw new IllegalArgumentException("RandomFourierFeatures layer '" + name()
          + "' expects inputs shaped (batch, features), the features known, but got "
          + Shapes.toKeras(inputShape));
    }
    long inputDim = inputShape.get(1);
    if (scale == null) {
      // tf.keras's default scale, kept in the config as it is.
      scale = isGaussian() ? Math.sqrt(inputDim / 2.0) : 1.0;
    }
    // kernel_scale first: Keras (2 and 3) lists and saves a layer's trainable weights before its
    // non-trainable ones, though tf.keras creates it last.
    kernelScale = addWeight("kernel_scale", NdArrays.vectorOf(scale.floatValue()), true, null);
    kernelScale.setConstraint(new NonNeg());
    unscaledKernel = addWeight("unscaled_kernel", initialKernel(Shape.of(inputDim, outputDim)),
        false, null);
    bias = addWeight("bias", new RandomUniform(0, 2 * Math.PI).create(Shape.of(outputDim)), false,
        null);
  }

  private boolean isGaussian() {
    return kernelInitializer instanceof String kind && kind.equalsIgnoreCase("gaussian");
  }

  private FloatNdArray initialKernel(Shape shape) {
    if (kernelInitializer instanceof Initializer given) {
      return given.create(shape);
    }
    if (isGaussian()) {
      return new RandomNormal(0, 1).create(shape);
    }
    // Laplacian: standard Cauchy samples, tan(pi (u - 1/2)) of uniform u, as tf.keras draws them.
    FloatNdArray values = new RandomUniform(0, 1).create(shape);
    values.scalars().forEach(u -> u.setFloat(
        (float) Math.tan(Math.PI * (u.getFloat() - 0.5))));
    return values;
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    KerasTensor kernel = Ops.multiply(Ops.divide(1f, kernelScale), unscaledKernel);
    return Ops.cos(Ops.add(Ops.matmul(inputs, kernel), bias));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return Shape.of(inputShape.get(0), outputDim);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("output_dim", outputDim);
    config.put("kernel_initializer", kernelInitializer instanceof Initializer given
        ? KernelSettings.nested("keras.initializers", given.getConfig())
        : kernelInitializer);
    config.put("scale", scale);
    return config;
  }

  /**
   * The number of random features.
   *
   * @return the number of random features
   */
  public int outputDim() {
    return outputDim;
  }
}
