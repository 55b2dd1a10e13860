package keras4j.layers;

/** Axis arguments of layers, counted as Python indexes: negative from the end. */
final class Axes {
  private Axes() {}

  /**
   * The index {@code axis} names in a shape of {@code rank} dimensions (Python's {@code
   * shape[axis]}), refused naming {@code layer} when out of range.
   */
  static int index(Layer layer, int axis, int rank) {
    int at = axis < 0 ? axis + rank : axis;
    if (at < 0 || at >= rank) {
      throw new IllegalArgumentException(layer.describe() + ": axis " + axis + " is out of range"
          + " for inputs of rank " + rank);
    }
    return at;
  }
}
