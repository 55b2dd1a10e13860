package keras4j.data;

/**
 * A source of batches by index, as Keras's {@code keras.utils.PyDataset}: subclass it, say how
 * many batches an epoch has ({@link #numBatches()}, Python's {@code __len__}) and make batch
 * {@code i} on demand ({@link #getItem(int)}, {@code __getitem__}), e.g. by reading files. {@code
 * workers} Java threads call {@code getItem} in parallel, up to {@code maxQueueSize} batches
 * ahead of the model, and the batches arrive in order. {@code fit} (with its default {@code
 * shuffle(true)}) visits the batches in a new random order each epoch, as Keras.
 *
 * <pre>{@code
 * class Images extends PyDataset {
 *   Images() { super(4, 10); }
 *   public int numBatches() { return files.size() / 32; }
 *   public Batch getItem(int i) { return Batch.of(load(i), labels(i)); }
 * }
 * }</pre>
 */
public abstract class PyDataset extends Dataset {
  private final int workers;
  private final int maxQueueSize;

  /** One worker thread and a queue of 10 batches, Keras's defaults. */
  protected PyDataset() {
    this(1, 10);
  }

  /**
   * A dataset read by {@code workers} threads.
   *
   * @param workers the number of threads calling {@link #getItem} (Keras's {@code workers}),
   *     at least 1
   * @param maxQueueSize the most batches made ahead of the model, at least 1
   * @throws IllegalArgumentException if a count is below 1
   */
  protected PyDataset(int workers, int maxQueueSize) {
    if (workers < 1 || maxQueueSize < 1) {
      throw new IllegalArgumentException("workers and maxQueueSize must be >= 1, got " + workers
          + " and " + maxQueueSize);
    }
    this.workers = workers;
    this.maxQueueSize = maxQueueSize;
  }

  /**
   * The number of batches of one epoch (Python's {@code __len__}).
   *
   * @return the number of batches
   */
  public abstract int numBatches();

  /**
   * Batch {@code index}; called from the worker threads, several at once when {@code workers}
   * is above 1.
   *
   * @param index the batch's index, from 0 to {@code numBatches() - 1}
   * @return the batch
   */
  public abstract Batch getItem(int index);

  /** Called at the start of each pass (epoch), before the first {@link #getItem}. */
  public void onEpochBegin() {}

  /** Called when a pass (epoch) has read its last batch, e.g. to reshuffle the files. */
  public void onEpochEnd() {}

  /**
   * The number of worker threads.
   *
   * @return the number of threads calling {@link #getItem}
   */
  public final int workers() {
    return workers;
  }

  /**
   * The most batches made ahead.
   *
   * @return the queue's size
   */
  public final int maxQueueSize() {
    return maxQueueSize;
  }

  @Override
  public final DatasetIterator iterator() {
    return iterator(null);
  }

  /**
   * A pass over the batches in the given order.
   *
   * @param order the batch indices to visit, in order (null: 0 to {@code numBatches() - 1})
   * @return the pass
   */
  public final DatasetIterator iterator(int[] order) {
    int count = order == null ? numBatches() : order.length;
    onEpochBegin();
    OrderedWorkers pool = new OrderedWorkers(workers, "pydataset");
    return new DatasetIterator() {
      private int submitted;

      @Override
      protected Batch pull() {
        while (pool.size() < maxQueueSize && submitted < count) {
          int index = order == null ? submitted : order[submitted];
          submitted++;
          pool.submit(() -> item(index));
        }
        if (pool.size() == 0) {
          onEpochEnd();
          return null;
        }
        return pool.take();
      }

      @Override
      protected void release() {
        pool.close();
      }
    };
  }

  private Batch item(int index) {
    Batch batch;
    try {
      batch = getItem(index);
    } catch (RuntimeException e) {
      throw new IllegalStateException(getClass().getSimpleName() + ".getItem(" + index
          + ") threw " + e, e);
    }
    if (batch == null) {
      throw new IllegalStateException(getClass().getSimpleName() + ".getItem(" + index
          + ") returned null: it must return a Batch");
    }
    return batch;
  }

  @Override
  public final long cardinality() {
    return numBatches();
  }
}
