package keras4j.layers;

import keras4j.core.LayerArg;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/** Flattens each sample to one dimension (channels-last order), Keras's {@code Flatten}. */
public class Flatten extends Layer {
  /** A flattening layer. */
  public Flatten(LayerArg... args) {
    super(args);
  }

  /** Keras's {@code from_config}. */
  public static Flatten fromConfig(ConfigReader config) {
    ConfigArgs.requireChannelsLast(config);
    return new Flatten(ConfigArgs.of(config).get());
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
