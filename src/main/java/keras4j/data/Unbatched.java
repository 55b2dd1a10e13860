package keras4j.data;

/** {@link Dataset#unbatch}: the samples of each batch, as views of its rows. */
final class Unbatched extends Dataset {
  private final Dataset input;

  Unbatched(Dataset input) {
    this.input = input;
  }

  @Override
  public DatasetIterator iterator() {
    DatasetIterator in = input.iterator();
    return new DatasetIterator() {
      private Batch batch;
      private int next;

      @Override
      protected Batch pull() {
        while (batch == null || next == batch.size()) {
          if (!in.hasNext()) {
            return null;
          }
          batch = in.next();
          next = 0;
          if (batch.isSample()) {
            throw new IllegalArgumentException("unbatch() needs batches, but an element is one"
                + " sample " + batch + " without a batch axis");
          }
        }
        int i = next++;
        return new Batch(batch.xPart().map(rows -> rows.row(i)),
            batch.hasLabels() ? batch.yPart().map(rows -> rows.row(i)) : null,
            batch.hasSampleWeight() ? batch.sampleWeightPart().map(rows -> rows.row(i)) : null);
      }

      @Override
      protected void release() {
        in.close();
      }
    };
  }
}
