package keras4j.layers;

import java.util.Arrays;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Shapes;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * Gives each sample a new shape of the same size, Keras's {@code Reshape}: {@code new
 * Reshape(3, 4)}; one dimension may be -1, worked out from the input's size.
 */
public class Reshape extends Layer {
  private final long[] targetShape;

  /**
   * The new shape of each sample (the batch dimension is kept).
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   * @param targetShape the new sample shape, at most one -1
   */
  public Reshape(long[] targetShape, LayerArg... args) {
    super(args);
    if (targetShape.length == 0 || Arrays.stream(targetShape).anyMatch(d -> d == 0 || d < -1)
        || Arrays.stream(targetShape).filter(d -> d == -1).count() > 1) {
      throw new IllegalArgumentException("Reshape target_shape must be positive sizes with at"
          + " most one -1, got " + Arrays.toString(targetShape));
    }
    this.targetShape = targetShape.clone();
  }

  /**
   * {@link #Reshape(long[], LayerArg...)} for int sizes: {@code new Reshape(3, 4)}.
   *
   * @param targetShape the new sample shape, at most one -1
   */
  public Reshape(int... targetShape) {
    this(Arrays.stream(targetShape).asLongStream().toArray());
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static Reshape fromConfig(ConfigReader config) {
    long[] target = Arrays.stream(config.ints("target_shape")).asLongStream().toArray();
    return new Reshape(target, ConfigArgs.of(config).get());
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return Ops.reshapeSamples(inputs, Shapes.sample(computeOutputShape(inputs.shape())));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    Shape sample = Shapes.sample(inputShape);
    long known = Arrays.stream(targetShape).filter(d -> d > 0).reduce(1, (a, b) -> a * b);
    long[] out = targetShape.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] == -1) {
        if (sample.hasUnknownDimension()) {
          throw new IllegalArgumentException("Reshape layer '" + name() + "' cannot work out the"
              + " -1 of " + Arrays.toString(targetShape) + " for inputs of shape "
              + Shapes.toKeras(inputShape) + " (a dimension is unknown)");
        }
        out[i] = sample.size() / known;
      }
    }
    long size = Arrays.stream(out).reduce(1, (a, b) -> a * b);
    if (!sample.hasUnknownDimension() && size != sample.size()) {
      throw new IllegalArgumentException("Reshape layer '" + name() + "': the total size of the"
          + " new shape " + Arrays.toString(targetShape) + " must equal that of the input sample "
          + Shapes.toKeras(sample) + " (" + sample.size() + " values)");
    }
    return Shape.of(out).prepend(inputShape.get(0));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("target_shape", Arrays.stream(targetShape).boxed().toList());
    return config;
  }
}
