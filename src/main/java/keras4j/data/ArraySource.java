package keras4j.data;

import keras4j.backend.HostArray;
import keras4j.backend.HostRows;

/** The samples of arrays, as {@code from_tensor_slices}: views of rows, never copies. */
final class ArraySource extends Dataset {
  private final HostArray x;
  private final HostArray y;

  ArraySource(Object xData, Object yData) {
    x = HostArray.typed(xData, "x");
    y = yData == null ? null : HostArray.typed(yData, "y");
    if (y != null && x.samples() != y.samples()) {
      throw new IllegalArgumentException("x has " + x.samples() + " samples but y has "
          + y.samples() + "; they must have one label per sample");
    }
  }

  @Override
  public DatasetIterator iterator() {
    return new DatasetIterator() {
      private int next;

      @Override
      protected Batch pull() {
        if (next == x.samples()) {
          return null;
        }
        int i = next++;
        return new Batch(HostRows.sample(x, i), y == null ? null : HostRows.sample(y, i));
      }
    };
  }

  @Override
  public long cardinality() {
    return x.samples();
  }
}
