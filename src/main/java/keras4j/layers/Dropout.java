package keras4j.layers;

import java.util.Arrays;
import java.util.Map;
import keras4j.core.LayerArg;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import keras4j.utils.RandomSeed;
import org.tensorflow.ndarray.Shape;

/**
 * Zeroes a fraction {@code rate} of the inputs while training and scales the rest by {@code 1 /
 * (1 - rate)}; the identity at inference, as Keras's {@code Dropout}. {@code noiseShape(NONE, 1,
 * 1, 1)} drops whole samples (one draw per sample, broadcast over its other axes), as
 * EfficientNet's stochastic depth.
 */
public class Dropout extends Layer {
  private final float rate;
  private final long seed;
  private final long[] noiseShape;

  /**
   * Drops a fraction {@code rate} in [0, 1) of the inputs while training.
   *
   * @param rate the fraction of inputs set to zero while training, in [0, 1)
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}, {@code seed(...)}, {@code noiseShape(...)}
   */
  public Dropout(double rate, LayerArg... args) {
    super(args, "seed", "noise_shape");
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("Dropout rate must be in [0, 1), got " + rate);
    }
    this.rate = (float) rate;
    this.seed = arg("seed", RandomSeed.next());
    this.noiseShape = arg("noise_shape", null);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static Dropout fromConfig(ConfigReader config) {
    return new Dropout(config.doubleValue("rate", 0),
        ConfigArgs.of(config).seed().add("noise_shape", config.shape("noise_shape")).get());
  }

  @Override
  protected void build(Shape inputShape) {
    if (noiseShape == null) {
      return;
    }
    // Checked here: TensorFlow would fail inside the graph run with a broadcasting error.
    boolean fits = noiseShape.length == inputShape.numDimensions();
    for (int i = 0; fits && i < noiseShape.length; i++) {
      fits = noiseShape[i] == -1 || noiseShape[i] == 1 || noiseShape[i] == inputShape.get(i);
    }
    if (!fits) {
      throw new IllegalArgumentException("Dropout layer '" + name() + "' has noise_shape "
          + Shapes.toKeras(Shape.of(noiseShape)) + ", which does not broadcast to its inputs "
          + Shapes.toKeras(inputShape) + ": give one entry per input axis, each 1, the axis's"
          + " size or NONE");
    }
  }

  @Override
  protected boolean supportsMasking() {
    // As Keras: a mask passes through (a Dense after Embedding(maskZero) keeps it for an LSTM).
    return true;
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    if (!training || rate == 0) {
      return inputs;
    }
    return Ops.dropout(inputs, rate, seed, noiseShape);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("rate", rate);
    config.put("noise_shape", noiseShape == null ? null
        : Arrays.stream(noiseShape).mapToObj(d -> d < 0 ? null : d).toList());
    // Keras seeds a uint32 generator state and refuses larger seeds.
    config.put("seed", seed & 0xFFFFFFFFL);
    return config;
  }
}
