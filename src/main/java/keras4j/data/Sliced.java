package keras4j.data;

/** {@link Dataset#take} and {@link Dataset#skip}: the elements from {@code skip} on, at most
 * {@code take} of them (-1: all). */
final class Sliced extends Dataset {
  private final Dataset input;
  private final long skip;
  private final long take;

  Sliced(Dataset input, long skip, long take) {
    this.input = input;
    this.skip = skip;
    this.take = take;
  }

  @Override
  public DatasetIterator iterator() {
    DatasetIterator in = input.iterator();
    return new DatasetIterator() {
      private long skipped;
      private long taken;

      @Override
      protected Batch pull() {
        while (skipped < skip && in.hasNext()) {
          in.next();
          skipped++;
        }
        if (take >= 0 && taken == take || !in.hasNext()) {
          return null;
        }
        taken++;
        return in.next();
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
    if (n == UNKNOWN_CARDINALITY) {
      return take == 0 ? 0 : UNKNOWN_CARDINALITY;
    }
    long rest = n == INFINITE_CARDINALITY ? INFINITE_CARDINALITY : Math.max(0, n - skip);
    if (take < 0) {
      return rest;
    }
    return rest == INFINITE_CARDINALITY ? take : Math.min(rest, take);
  }
}
