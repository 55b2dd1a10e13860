package keras4j.layers;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Shapes;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * Repeats each sample vector {@code n} times, Keras's {@code RepeatVector}: {@code (batch,
 * features)} to {@code (batch, n, features)}.
 */
public class RepeatVector extends Layer {
  private final int n;

  /**
   * {@code n} copies of each sample.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   * @param n how many copies
   */
  public RepeatVector(int n, LayerArg... args) {
    super(args);
    if (n <= 0) {
      throw new IllegalArgumentException("RepeatVector n must be positive, got " + n);
    }
    this.n = n;
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static RepeatVector fromConfig(ConfigReader config) {
    return new RepeatVector(config.intValue("n"), ConfigArgs.of(config).get());
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return Ops.tile(Ops.expandDims(inputs, 1), 1, n, 1);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    if (inputShape.numDimensions() != 2) {
      throw new IllegalArgumentException("RepeatVector layer '" + name() + "' expects inputs"
          + " shaped (batch, features), got " + Shapes.toKeras(inputShape));
    }
    return Shape.of(inputShape.get(0), n, inputShape.get(1));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("n", n);
    return config;
  }
}
