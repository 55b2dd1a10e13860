package keras4j.data;

import java.util.Iterator;
import java.util.function.Supplier;

/** A generator: a new iterator of elements for each pass, as {@code from_generator}. */
final class GeneratorSource extends Dataset {
  private final Supplier<? extends Iterator<Batch>> generator;

  GeneratorSource(Supplier<? extends Iterator<Batch>> generator) {
    this.generator = generator;
  }

  @Override
  public DatasetIterator iterator() {
    Iterator<Batch> elements = generator.get();
    if (elements == null) {
      throw new IllegalStateException("The generator of this dataset returned a null iterator");
    }
    return new Pass(elements, () -> {
      if (elements instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          throw new IllegalStateException("Closing the generator's iterator failed: " + e, e);
        }
      }
    });
  }

  /** One pass over a Java iterator; null elements are refused. */
  static final class Pass extends DatasetIterator {
    private final Iterator<Batch> elements;
    private final Runnable onClose;
    private long count;

    Pass(Iterator<Batch> elements, Runnable onClose) {
      this.elements = elements;
      this.onClose = onClose;
    }

    @Override
    protected Batch pull() {
      if (!elements.hasNext()) {
        return null;
      }
      Batch next = elements.next();
      if (next == null) {
        throw new IllegalStateException("Element " + count + " of the dataset is null: a"
            + " generator or iterator must give Batch elements (end it with hasNext() false)");
      }
      count++;
      return next;
    }

    @Override
    protected void release() {
      onClose.run();
    }
  }
}
