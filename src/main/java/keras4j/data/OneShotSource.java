package keras4j.data;

import java.util.Iterator;

/** The elements of a Java iterator or stream, which can be read once. */
final class OneShotSource extends Dataset {
  private final Iterator<Batch> elements;
  private final String kind;
  private final Runnable onClose;
  private boolean read;

  OneShotSource(Iterator<Batch> elements, String kind) {
    this(elements, kind, () -> {});
  }

  OneShotSource(Iterator<Batch> elements, String kind, Runnable onClose) {
    this.elements = elements;
    this.kind = kind;
    this.onClose = onClose;
  }

  @Override
  public synchronized DatasetIterator iterator() {
    if (read) {
      throw new IllegalStateException("This dataset reads a Java " + kind + ", which can be read"
          + " once, and a second pass (a second epoch) asked for it again: give fit a"
          + " stepsPerEpoch(n) and a " + kind + " that does not end, make the dataset with"
          + " Dataset.fromGenerator(() -> newIterator()) to start again each pass, or cache() it");
    }
    read = true;
    return new GeneratorSource.Pass(elements, onClose);
  }
}
