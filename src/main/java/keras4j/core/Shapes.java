package keras4j.core;

import java.util.StringJoiner;
import org.tensorflow.ndarray.Shape;

/** Shape helpers shared by layers and models. */
public final class Shapes {
  private Shapes() {}

  /**
   * Prints a shape as Keras does: {@code (None, 784)}.
   *
   * @param shape the shape to print; -1 dimensions print as {@code None}
   * @return the shape as Keras prints it, e.g. {@code (None, 784)}
   */
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

  /**
   * {@code (None, dims...)}: a batch of samples shaped {@code dims}.
   *
   * @param dims the sizes of one sample's dimensions
   * @return the shape of a batch of unknown size
   */
  public static Shape batchOf(long... dims) {
    return Shape.of(-1).append(Shape.of(dims));
  }

  /**
   * {@code shape} with its first (batch) dimension set to {@code batch}.
   *
   * @param shape a shape, batch dimension first
   * @param batch the batch size to put in, or -1 for unknown
   * @return the shape with that batch size
   */
  public static Shape withBatch(Shape shape, long batch) {
    return shape.tail().prepend(batch);
  }

  /**
   * The shape of one sample: {@code shape} without its batch dimension.
   *
   * @param shape a shape, batch dimension first
   * @return the shape of one sample: {@code shape} without its batch dimension
   */
  public static Shape sample(Shape shape) {
    return shape.tail();
  }

  /**
   * Whether batches shaped {@code actual} fit inputs declared as {@code expected}: the same rank
   * and the same size on every non-batch dimension known in both.
   *
   * @param expected the declared input shape, batch first; -1 dimensions accept any size
   * @param actual the shape of the data given, batch first
   * @return whether the data fits the input
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
