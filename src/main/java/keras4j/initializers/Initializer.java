package keras4j.initializers;

import java.util.Map;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;

/** Makes the initial value of a weight, like {@code keras.initializers.Initializer}. */
public interface Initializer {
  /** A new value of the given shape. */
  FloatNdArray create(Shape shape);

  /** The Keras class name and config, for saving. */
  Map<String, Object> getConfig();
}
