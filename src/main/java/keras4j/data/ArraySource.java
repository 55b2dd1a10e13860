package keras4j.data;

import keras4j.backend.BatchPart;

/** The samples of arrays, as {@code from_tensor_slices}: views of rows, never copies. */
final class ArraySource extends Dataset {
  private final BatchPart x;
  private final BatchPart y;
  private final BatchPart sampleWeight;

  ArraySource(Object xData, Object yData, Object weightData) {
    if (yData == null && weightData != null) {
      throw new IllegalArgumentException("Sample weights need labels y too");
    }
    x = whole(xData, "x");
    y = yData == null ? null : whole(yData, "y");
    sampleWeight = weightData == null ? null : whole(weightData, "sampleWeight");
    for (BatchPart part : new BatchPart[] {y, sampleWeight}) {
      if (part != null && part.samples() != x.samples()) {
        throw new IllegalArgumentException("x has " + x.samples() + " samples but "
            + (part == y ? "y" : "sampleWeight") + " has " + part.samples() + "; they must have"
            + " one " + (part == y ? "label" : "weight") + " per sample");
      }
    }
  }

  private static BatchPart whole(Object data, String what) {
    return BatchPart.of(data, what, Batch::batchRows);
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
        return new Batch(x.map(rows -> rows.row(i)), y == null ? null : y.map(rows -> rows.row(i)),
            sampleWeight == null ? null : sampleWeight.map(rows -> rows.row(i)));
      }
    };
  }

  @Override
  public long cardinality() {
    return x.samples();
  }
}
