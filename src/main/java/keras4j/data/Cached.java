package keras4j.data;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link Dataset#cache}: the elements of the first complete pass, kept in memory and replayed
 * by later passes (a pass closed early caches nothing).
 */
final class Cached extends Dataset {
  private final Dataset input;
  private volatile List<Batch> cached;

  Cached(Dataset input) {
    this.input = input;
  }

  @Override
  public DatasetIterator iterator() {
    List<Batch> replay = cached;
    if (replay != null) {
      return new DatasetIterator() {
        private int next;

        @Override
        protected Batch pull() {
          return next < replay.size() ? replay.get(next++) : null;
        }
      };
    }
    DatasetIterator in = input.iterator();
    List<Batch> recorded = new ArrayList<>();
    return new DatasetIterator() {
      @Override
      protected Batch pull() {
        if (!in.hasNext()) {
          cached = List.copyOf(recorded);
          return null;
        }
        Batch next = in.next();
        recorded.add(next);
        return next;
      }

      @Override
      protected void release() {
        in.close();
      }
    };
  }

  @Override
  public long cardinality() {
    List<Batch> replay = cached;
    return replay != null ? replay.size() : input.cardinality();
  }
}
