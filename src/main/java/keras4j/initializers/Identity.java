package keras4j.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/** Keras's {@code Identity(gain)}: {@code gain * eye(rows, cols)}, for 2-D weights only. */
public final class Identity implements Initializer {
  private final double gain;

  /**
   * Keras's {@code Identity(gain)}.
   *
   * @param gain the value of the diagonal (Keras's default 1)
   */
  public Identity(double gain) {
    this.gain = gain;
  }

  /** Keras's default, {@code Identity(1.0)}. */
  public Identity() {
    this(1.0);
  }

  @Override
  public FloatNdArray create(Shape shape) {
    if (shape.numDimensions() != 2) {
      throw new IllegalArgumentException("The Identity initializer can only be used for 2D"
          + " matrices, got shape " + shape + " of rank " + shape.numDimensions());
    }
    FloatNdArray out = NdArrays.ofFloats(shape);
    for (long i = 0; i < Math.min(shape.get(0), shape.get(1)); i++) {
      out.setFloat((float) gain, i, i);
    }
    return out;
  }

  @Override
  public Map<String, Object> getConfig() {
    // Keras 3 saves no config for Identity (its gain is lost); keras4j writes a gain other than
    // 1, which Keras's from_config reads.
    Map<String, Object> config = new LinkedHashMap<>();
    if (gain != 1) {
      config.put("gain", gain);
    }
    return Initializers.serialized("Identity", config);
  }
}
