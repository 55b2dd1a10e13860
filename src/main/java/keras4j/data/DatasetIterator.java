package keras4j.data;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * One pass over a {@link Dataset}. Close it (try-with-resources) when leaving a pass early: it
 * stops the worker threads of {@code prefetch}, parallel {@code map} and {@link PyDataset}
 * workers, and closes files; a pass read to its end closes itself.
 */
public abstract class DatasetIterator implements Iterator<Batch>, AutoCloseable {
  private Batch next;
  private boolean done;

  /** For subclasses. */
  protected DatasetIterator() {}

  /**
   * The next element, or null at the end of the pass.
   *
   * @return the next element, or null
   */
  protected abstract Batch pull();

  /** Frees what this pass holds (threads, files, the passes it reads); called once. */
  protected void release() {}

  @Override
  public final boolean hasNext() {
    if (next == null && !done) {
      next = pull();
      if (next == null) {
        close();
      }
    }
    return next != null;
  }

  @Override
  public final Batch next() {
    if (!hasNext()) {
      throw new NoSuchElementException("The dataset has no more elements");
    }
    Batch out = next;
    next = null;
    return out;
  }

  /** Ends the pass and frees its threads and files; later calls do nothing. */
  @Override
  public final void close() {
    if (!done) {
      done = true;
      next = null;
      release();
    }
  }
}
