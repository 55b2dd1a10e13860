package keras4j.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/** Keras's {@code Constant(value)}: every value {@code value}; {@link Zeros} and {@link Ones}. */
public class Constant implements Initializer {
  private final double value;

  /**
   * Keras's {@code Constant(value)}.
   *
   * @param value the value of every element (Keras's default 0)
   */
  public Constant(double value) {
    this.value = value;
  }

  @Override
  public FloatNdArray create(Shape shape) {
    FloatNdArray out = NdArrays.ofFloats(shape);
    if (value != 0) {
      out.scalars().forEach(s -> s.setFloat((float) value));
    }
    return out;
  }

  /**
   * Keras's {@code {"class_name": "Constant", "config": {"value": value}}}.
   *
   * @return the serialized form
   */
  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("value", value);
    return Initializers.serialized("Constant", config);
  }
}
