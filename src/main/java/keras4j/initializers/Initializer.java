package keras4j.initializers;

import java.util.Map;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;

/** Makes the initial value of a weight, like {@code keras.initializers.Initializer}. */
public interface Initializer {
  /**
   * A new value of the given shape.
   *
   * @param shape the shape of the weight to initialize, e.g. {@code (784, 128)} for a Dense kernel
   * @return a new array of that shape holding the initial values
   */
  FloatNdArray create(Shape shape);

  /**
   * Keras's {@code initializer(shape)}: {@link #create} of {@code Shape.of(shape)}.
   *
   * @param shape the dimensions of the weight
   * @return a new array of that shape holding the initial values
   */
  default FloatNdArray call(long... shape) {
    return create(Shape.of(shape));
  }

  /**
   * The Keras class name and config, for saving.
   *
   * @return Keras's serialized form, {@code {"class_name": ..., "config": {...}}}
   */
  Map<String, Object> getConfig();
}
