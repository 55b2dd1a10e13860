package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/** Flattens each sample to one dimension (channels-last order), Keras's {@code Flatten}. */
public class Flatten extends Layer {
  /**
   * A flattening layer.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public Flatten(LayerArg... args) {
    super(args);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static Flatten fromConfig(ConfigReader config) {
    ConfigArgs.requireChannelsLast(config);
    return new Flatten(ConfigArgs.of(config).get());
  }

  @Override
  protected Precision precision() {
    return Precision.COMPUTE_DTYPE;
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return Ops.reshapeSamples(inputs, Shapes.sample(computeOutputShape(inputs.shape())));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    Shape sample = Shapes.sample(inputShape);
    if (sample.hasUnknownDimension()) {
      throw new IllegalArgumentException(
          "Flatten needs every non-batch dimension known, got " + Shapes.toKeras(inputShape));
    }
    return Shape.of(inputShape.get(0), sample.size());
  }
}
