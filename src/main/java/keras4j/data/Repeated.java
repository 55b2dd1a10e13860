package keras4j.data;

/**
 * {@link Dataset#repeat}: the input's passes one after the other, {@code count} times (-1:
 * without end). A pass without elements ends it, as tf.data's repeat of an empty dataset.
 */
final class Repeated extends Dataset {
  private final Dataset input;
  private final int count;

  Repeated(Dataset input, int count) {
    this.input = input;
    this.count = count;
  }

  @Override
  public DatasetIterator iterator() {
    return new DatasetIterator() {
      private DatasetIterator in;
      private int passes;
      private boolean passEmpty;

      @Override
      protected Batch pull() {
        while (in == null || !in.hasNext()) {
          if (in != null && passEmpty || count >= 0 && passes == count) {
            return null;
          }
          in = input.iterator();
          passes++;
          passEmpty = true;
        }
        passEmpty = false;
        return in.next();
      }

      @Override
      protected void release() {
        if (in != null) {
          in.close();
        }
      }
    };
  }

  @Override
  public long cardinality() {
    long n = input.cardinality();
    if (count < 0) {
      return n == 0 ? 0 : n == UNKNOWN_CARDINALITY ? UNKNOWN_CARDINALITY : INFINITE_CARDINALITY;
    }
    return n < 0 ? n : n * count;
  }
}
