package keras4j.core;

import java.util.StringJoiner;
import org.tensorflow.ndarray.Shape;

/** Shape helpers shared by layers and models. */
public final class Shapes {
  private Shapes() {}

  /** Prints a shape as Keras does: {@code (None, 784)}. */
  public static String toKeras(Shape shape) {
    if (shape.isUnknown()) {
      return "?";
    }
    StringJoiner out = new StringJoiner(", ", "(", shape.numDimensions() == 1 ? ",)" : ")");
    for (long d : shape.asArray()) {
      out.add(d < 0 ? "None" : Long.toString(d));
    }
    return out.toString();
  }

  /** {@code (None, dims...)}: a batch of samples shaped {@code dims}. */
  public static Shape batchOf(long... dims) {
    return Shape.of(-1).append(Shape.of(dims));
  }

  /** {@code shape} with its first (batch) dimension set to {@code batch}. */
  public static Shape withBatch(Shape shape, long batch) {
    return shape.tail().prepend(batch);
  }

  /** The shape of one sample: {@code shape} without its batch dimension. */
  public static Shape sample(Shape shape) {
    return shape.tail();
  }

  /**
   * Whether batches shaped {@code actual} fit inputs declared as {@code expected}: the same rank
   * and the same size on every non-batch dimension known in both.
   */
  public static boolean samplesCompatible(Shape expected, Shape actual) {
    if (expected.numDimensions() != actual.numDimensions()) {
      return false;
    }
    for (int i = 1; i < expected.numDimensions(); i++) {
      long e = expected.get(i);
      long a = actual.get(i);
      if (e >= 0 && a >= 0 && e != a) {
        return false;
      }
    }
    return true;
  }
}
