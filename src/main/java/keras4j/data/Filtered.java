package keras4j.data;

import java.util.function.Predicate;

/** {@link Dataset#filter}: the elements a predicate keeps. */
final class Filtered extends Dataset {
  private final Dataset input;
  private final Predicate<Batch> predicate;

  Filtered(Dataset input, Predicate<Batch> predicate) {
    this.input = input;
    this.predicate = predicate;
  }

  @Override
  public DatasetIterator iterator() {
    DatasetIterator in = input.iterator();
    return new DatasetIterator() {
      @Override
      protected Batch pull() {
        while (in.hasNext()) {
          Batch element = in.next();
          if (predicate.test(element)) {
            return element;
          }
        }
        return null;
      }

      @Override
      protected void release() {
        in.close();
      }
    };
  }

  @Override
  public long cardinality() {
    return input.cardinality() == INFINITE_CARDINALITY ? INFINITE_CARDINALITY
        : UNKNOWN_CARDINALITY;
  }
}
