package keras4j.data;

import java.util.function.UnaryOperator;

/** {@link Dataset#map}: a function of each element, on one or more threads, order kept. */
final class Mapped extends Dataset {
  private final Dataset input;
  private final UnaryOperator<Batch> function;
  private final int parallelCalls;

  Mapped(Dataset input, UnaryOperator<Batch> function, int parallelCalls) {
    this.input = input;
    this.function = function;
    this.parallelCalls = parallelCalls;
  }

  @Override
  public DatasetIterator iterator() {
    DatasetIterator in = input.iterator();
    if (parallelCalls == 1) {
      return new DatasetIterator() {
        @Override
        protected Batch pull() {
          return in.hasNext() ? checked(function.apply(in.next())) : null;
        }

        @Override
        protected void release() {
          in.close();
        }
      };
    }
    OrderedWorkers workers = new OrderedWorkers(parallelCalls, "data-map");
    return new DatasetIterator() {
      @Override
      protected Batch pull() {
        // Twice as many elements in flight as threads, so no thread waits for the next one.
        while (workers.size() < 2 * parallelCalls && in.hasNext()) {
          Batch element = in.next();
          workers.submit(() -> checked(function.apply(element)));
        }
        return workers.size() == 0 ? null : workers.take();
      }

      @Override
      protected void release() {
        workers.close();
        in.close();
      }
    };
  }

  private static Batch checked(Batch mapped) {
    if (mapped == null) {
      throw new IllegalStateException("The function given to map() returned null: it must"
          + " return a Batch (use filter() to drop elements)");
    }
    return mapped;
  }

  @Override
  public long cardinality() {
    return input.cardinality();
  }
}
