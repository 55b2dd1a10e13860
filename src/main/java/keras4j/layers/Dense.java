package keras4j.layers;

import java.util.Map;
import keras4j.core.LayerArg;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.core.Variable;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * {@code activation(inputs @ kernel + bias)}, Keras's {@code Dense}: {@code new Dense(64,
 * activation("relu"))}. Kernels start Glorot-uniform and biases at zero, as in Keras. On inputs
 * of rank 3 or more the kernel applies to the last axis: {@code (batch, steps, features)} gives
 * {@code (batch, steps, units)}.
 */
public class Dense extends Layer {
  private final int units;
  private final KernelSettings settings;
  private Variable kernel;
  private Variable bias;

  /**
   * A layer of {@code units} neurons.
   *
   * @param units the number of outputs (neurons), at least 1
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public Dense(int units, LayerArg... args) {
    super(args, KernelSettings.accepted());
    if (units <= 0) {
      throw new IllegalArgumentException("Dense units must be positive, got " + units);
    }
    this.units = units;
    this.settings = new KernelSettings(this);
  }

  /**
   * Keras's {@code from_config}: the Dense layer a Keras config describes.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static Dense fromConfig(ConfigReader config) {
    return new Dense(config.intValue("units"), ConfigArgs.of(config).kernelSettings().get());
  }

  /**
   * The number of output units.
   *
   * @return the number of output units
   */
  public int units() {
    return units;
  }

  @Override
  protected Precision precision() {
    return Precision.COMPUTE_DTYPE;
  }

  @Override
  protected void build(Shape inputShape) {
    int rank = inputShape.numDimensions();
    if (rank < 2 || inputShape.get(rank - 1) < 0) {
      throw new IllegalArgumentException(
          "Dense layer '" + name() + "' expects inputs shaped (batch, ..., features), the last"
              + " axis known, but got " + Shapes.toKeras(inputShape));
    }
    kernel = settings.addKernel(this, Shape.of(inputShape.get(rank - 1), units));
    bias = settings.addBias(this, units);
  }

  @Override
  protected boolean supportsMasking() {
    // As Keras: a mask passes through (a Dense after Embedding(maskZero) keeps it for an LSTM).
    return true;
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return settings.finish(inputs.matmul(kernel.value()), bias);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    // As Keras: the kernel works on the last axis; any axes between the batch and it stay.
    long[] dims = inputShape.asArray();
    dims[dims.length - 1] = units;
    return settings.outputShape(Shape.of(dims));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("units", units);
    settings.putConfig(config);
    return config;
  }
}
