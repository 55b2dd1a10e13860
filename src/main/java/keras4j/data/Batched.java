package keras4j.data;

import keras4j.backend.BatchPart;

/** {@link Dataset#batch}: consecutive elements stacked along a new batch axis. */
final class Batched extends Dataset {
  private final Dataset input;
  private final int batchSize;
  private final boolean dropRemainder;

  Batched(Dataset input, int batchSize, boolean dropRemainder) {
    this.input = input;
    this.batchSize = batchSize;
    this.dropRemainder = dropRemainder;
  }

  @Override
  public DatasetIterator iterator() {
    DatasetIterator in = input.iterator();
    return new DatasetIterator() {
      private final Batch[] elements = new Batch[batchSize];

      @Override
      protected Batch pull() {
        int n = 0;
        while (n < batchSize && in.hasNext()) {
          elements[n++] = in.next();
        }
        if (n == 0 || dropRemainder && n < batchSize) {
          return null;
        }
        BatchPart[] x = new BatchPart[n];
        BatchPart[] y = new BatchPart[n];
        BatchPart[] w = new BatchPart[n];
        for (int i = 0; i < n; i++) {
          x[i] = elements[i].xPart();
          y[i] = elements[i].yPart();
          w[i] = elements[i].sampleWeightPart();
          if ((y[i] == null) != (y[0] == null) || (w[i] == null) != (w[0] == null)) {
            throw new IllegalArgumentException("Cannot batch an element with " + (
                (y[i] == null) != (y[0] == null) ? "labels" : "sample weights") + " and one"
                + " without (element " + i + " of the batch): give every element the same parts");
          }
          elements[i] = null;
        }
        return new Batch(BatchPart.stack(x, "x"), y[0] == null ? null : BatchPart.stack(y, "y"),
            w[0] == null ? null : BatchPart.stack(w, "sampleWeight"));
      }

      @Override
      protected void release() {
        in.close();
      }
    };
  }

  @Override
  public long cardinality() {
    long n = input.cardinality();
    if (n < 0) {
      return n;
    }
    return dropRemainder ? n / batchSize : (n + batchSize - 1) / batchSize;
  }
}
