package keras4j.data;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import keras4j.utils.RandomSeed;

/**
 * A source of {@link Batch} elements read pass by pass, as {@code tf.data.Dataset}: what {@code
 * fit}, {@code evaluate} and {@code predict} take for data that does not fit in memory or comes
 * from files, databases and generators. Each {@link #iterator()} is one pass (one epoch); the
 * transformations ({@link #map}, {@link #shuffle}, {@link #batch}, ...) return new datasets and
 * read their input lazily, element by element, so a pass holds only what its buffers hold.
 *
 * <pre>{@code
 * Dataset train = Dataset.fromArrays(x, y).shuffle(10_000).batch(32).prefetch(2);
 * model.fit(train, epochs(5), validationData(Dataset.fromArrays(xVal, yVal).batch(256)));
 * }</pre>
 *
 * <p>Randomness ({@link #shuffle(int)} without a seed) is drawn from {@link RandomSeed} when the
 * dataset is built: after {@code RandomSeed.set(42)}, the same script trains on the same batches.
 */
public abstract class Dataset implements Iterable<Batch> {
  /** {@link #cardinality()} of a dataset without end ({@code tf.data.INFINITE_CARDINALITY}). */
  public static final long INFINITE_CARDINALITY = -1;

  /** {@link #cardinality()} when unknown ({@code tf.data.UNKNOWN_CARDINALITY}). */
  public static final long UNKNOWN_CARDINALITY = -2;

  /** For subclasses: a source of elements of one's own. */
  protected Dataset() {}

  /**
   * A new pass over the elements; close it if you leave it before its end.
   *
   * @return the pass
   */
  @Override
  public abstract DatasetIterator iterator();

  /**
   * The number of elements of one pass, as {@code tf.data.Dataset.cardinality()}.
   *
   * @return the count, {@link #INFINITE_CARDINALITY} or {@link #UNKNOWN_CARDINALITY}
   */
  public long cardinality() {
    return UNKNOWN_CARDINALITY;
  }

  // ---- sources

  /**
   * The samples of {@code x} and their labels {@code y}, one element per sample, as {@code
   * tf.data.Dataset.from_tensor_slices((x, y))}; batch them with {@link #batch(int)}. The arrays
   * are converted once (as {@code fit} converts them; int, long, boolean and String arrays keep
   * their type, converted to the model input's as they are fed) and never copied again: elements
   * and the batches made of them are views.
   *
   * @param x the inputs, samples first (Java arrays or NdArrays, as {@code fit} takes); for a
   *     model of several inputs a {@code List} of them in its input order or a {@code Map} by
   *     input name
   * @param y the labels, one per sample; a {@code List} or {@code Map} of them for a model of
   *     several outputs
   * @return the dataset of samples
   * @throws IllegalArgumentException if the arrays are invalid or differ in number of samples
   */
  public static Dataset fromArrays(Object x, Object y) {
    return new ArraySource(x, y, null);
  }

  /**
   * The samples of {@code x}, their labels {@code y} and their weights, as {@code
   * tf.data.Dataset.from_tensor_slices((x, y, sample_weight))}: {@code fit} weighs each
   * sample's loss by its weight, as {@code fit(x, y, sampleWeight(w))} does.
   *
   * @param x the inputs, as {@link #fromArrays(Object, Object)}
   * @param y the labels, as {@link #fromArrays(Object, Object)}
   * @param sampleWeight one weight per sample ({@code float[]}), for every output, or a {@code
   *     List}/{@code Map} of them by output
   * @return the dataset of samples
   * @throws IllegalArgumentException if the arrays are invalid or differ in number of samples
   */
  public static Dataset fromArrays(Object x, Object y, Object sampleWeight) {
    return new ArraySource(x, y, sampleWeight);
  }

  /**
   * The samples of {@code x} without labels, for {@code predict}.
   *
   * @param x the inputs, samples first
   * @return the dataset of samples
   * @throws IllegalArgumentException if the array is invalid
   */
  public static Dataset fromArrays(Object x) {
    return new ArraySource(x, null, null);
  }

  /**
   * The elements of a Java iterator, read once: a second pass is refused (use {@link
   * #fromGenerator} for a source that starts again each epoch, or {@link #cache()}). With {@code
   * fit(dataset, stepsPerEpoch(n))} one iterator serves all epochs, as a Keras generator.
   *
   * @param elements the elements, typically batches ({@link Batch#of(Object, Object)})
   * @return the dataset
   */
  public static Dataset fromIterator(Iterator<Batch> elements) {
    return new OneShotSource(Objects.requireNonNull(elements, "elements"), "Iterator");
  }

  /**
   * The elements of a Java stream, read once (as {@link #fromIterator}); the stream is closed at
   * the end of the pass or when the pass is closed.
   *
   * @param elements the elements
   * @return the dataset
   */
  public static Dataset fromStream(Stream<Batch> elements) {
    Objects.requireNonNull(elements, "elements");
    return new OneShotSource(elements.iterator(), "Stream", elements::close);
  }

  /**
   * A generator, as {@code tf.data.Dataset.from_generator}: {@code generator} is called at each
   * pass for a new iterator of elements.
   *
   * @param generator makes the iterator of one pass
   * @return the dataset
   */
  public static Dataset fromGenerator(Supplier<? extends Iterator<Batch>> generator) {
    return new GeneratorSource(Objects.requireNonNull(generator, "generator"));
  }

  /**
   * Elements from a supplier called once per element; it returns null to end a pass (never, for
   * an endless source: then give {@code fit} a {@code stepsPerEpoch}).
   *
   * @param next the next element, or null at the end of a pass
   * @return the dataset
   */
  public static Dataset fromSupplier(Supplier<Batch> next) {
    Objects.requireNonNull(next, "next");
    return new GeneratorSource(() -> new Iterator<>() {
      private Batch ahead;

      @Override
      public boolean hasNext() {
        if (ahead == null) {
          ahead = next.get();
        }
        return ahead != null;
      }

      @Override
      public Batch next() {
        Batch out = hasNext() ? ahead : null;
        ahead = null;
        return out;
      }
    });
  }

  /**
   * The rows of a CSV file, one sample per row, read lazily at each pass (the file is opened
   * per pass and closed at its end); see {@link Csv} for the columns, header and label.
   *
   * @param file the CSV file
   * @param format its columns, header, delimiter and label column
   * @return the dataset of samples
   */
  public static Dataset fromCsv(Path file, Csv format) {
    return new CsvSource(Objects.requireNonNull(file, "file"), Objects.requireNonNull(format,
        "format"));
  }

  /**
   * Sliding windows over a series, as Keras's {@code timeseries_dataset_from_array(data, targets,
   * sequence_length)}: windows of {@code sequenceLength} consecutive time steps starting at
   * every step, in batches of 128, not shuffled.
   *
   * @param data the series, time steps first ({@code float[]}, {@code float[][]}, ...)
   * @param targets the target of each window's first step ({@code targets[i]} for the window
   *     starting at {@code i}), or null for windows without labels
   * @param sequenceLength the steps per window, at least 1
   * @return the batches of windows {@code (batch, sequenceLength, features...)}
   * @throws IllegalArgumentException as {@link #timeseriesFromArray(Object, Object, int, int,
   *     int, Integer, boolean, Long, Integer, Integer)}
   */
  public static Dataset timeseriesFromArray(Object data, Object targets, int sequenceLength) {
    return Timeseries.of(data, targets, sequenceLength, 1, 1, 128, false, null, null, null);
  }

  /**
   * Sliding windows over a series, as Keras's {@code timeseries_dataset_from_array}: window
   * {@code i} starts at {@code p = i * sequenceStride} and holds the steps {@code startIndex + p
   * + k * samplingRate} for {@code k < sequenceLength}; its target is {@code targets[startIndex +
   * p]}. Only the steps before {@code endIndex} are used.
   *
   * <pre>{@code
   * // data = 0..9, 5 steps every 2nd step: the windows [0 2 4 6 8] and [1 3 5 7 9].
   * Dataset windows = Dataset.timeseriesFromArray(data, null, 5, 1, 2, 128, false, null, null,
   *     null);
   * }</pre>
   *
   * @param data the series, time steps first
   * @param targets the targets, or null
   * @param sequenceLength the steps per window, at least 1
   * @param sequenceStride the steps between the starts of two windows (Keras: 1)
   * @param samplingRate the steps between two steps of a window (Keras: 1)
   * @param batchSize the windows per batch (Keras: 128), or null for single windows
   * @param shuffle whether to visit the windows in a new random order each pass (Keras: false)
   * @param seed the seed of that order, or null for one from {@link RandomSeed}
   * @param startIndex the first step used (Keras: null, 0)
   * @param endIndex the step after the last one used (Keras: null, the end)
   * @return the windows
   * @throws IllegalArgumentException for Keras's invalid arguments (a stride, rate or index out
   *     of range), or when no window fits
   */
  public static Dataset timeseriesFromArray(Object data, Object targets, int sequenceLength,
      int sequenceStride, int samplingRate, Integer batchSize, boolean shuffle, Long seed,
      Integer startIndex, Integer endIndex) {
    return Timeseries.of(data, targets, sequenceLength, sequenceStride, samplingRate, batchSize,
        shuffle, seed, startIndex, endIndex);
  }

  // ---- transformations

  /**
   * Applies {@code function} to each element, as {@code Dataset.map}.
   *
   * @param function the new element of each element
   * @return the mapped dataset
   */
  public final Dataset map(UnaryOperator<Batch> function) {
    return map(function, 1);
  }

  /**
   * Applies {@code function} to each element on {@code parallelCalls} Java threads, keeping the
   * order of the elements, as {@code Dataset.map(f, num_parallel_calls=n)}.
   *
   * @param function the new element of each element; called from several threads at once
   * @param parallelCalls the number of threads, at least 1
   * @return the mapped dataset
   * @throws IllegalArgumentException if {@code parallelCalls} is below 1
   */
  public final Dataset map(UnaryOperator<Batch> function, int parallelCalls) {
    Objects.requireNonNull(function, "function");
    if (parallelCalls < 1) {
      throw new IllegalArgumentException("parallelCalls must be >= 1, got " + parallelCalls);
    }
    return new Mapped(this, function, parallelCalls);
  }

  /**
   * The elements for which {@code predicate} holds, as {@code Dataset.filter}.
   *
   * @param predicate whether to keep an element
   * @return the filtered dataset
   */
  public final Dataset filter(Predicate<Batch> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return new Filtered(this, predicate);
  }

  /**
   * Shuffles with a buffer of {@code bufferSize} elements, as {@code Dataset.shuffle}: each
   * element is drawn at random from the buffer, which the next input element refills; each pass
   * draws another order. The seed comes from {@link RandomSeed}.
   *
   * @param bufferSize the buffer's size (the dataset's size for a full shuffle), at least 1
   * @return the shuffled dataset
   * @throws IllegalArgumentException if {@code bufferSize} is below 1
   */
  public final Dataset shuffle(int bufferSize) {
    return shuffle(bufferSize, RandomSeed.next());
  }

  /**
   * Shuffles with a buffer of {@code bufferSize} elements and the given seed.
   *
   * @param bufferSize the buffer's size, at least 1
   * @param seed the seed of the first pass's order (later passes derive theirs from it)
   * @return the shuffled dataset
   * @throws IllegalArgumentException if {@code bufferSize} is below 1
   */
  public final Dataset shuffle(int bufferSize, long seed) {
    if (bufferSize < 1) {
      throw new IllegalArgumentException("bufferSize must be >= 1, got " + bufferSize);
    }
    return new Shuffled(this, bufferSize, seed);
  }

  /**
   * Stacks {@code batchSize} consecutive elements into one, along a new batch axis, as {@code
   * Dataset.batch}; the last batch may be smaller.
   *
   * @param batchSize the number of elements per batch, at least 1
   * @return the batched dataset
   * @throws IllegalArgumentException if {@code batchSize} is below 1
   */
  public final Dataset batch(int batchSize) {
    return batch(batchSize, false);
  }

  /**
   * Stacks {@code batchSize} consecutive elements into one.
   *
   * @param batchSize the number of elements per batch, at least 1
   * @param dropRemainder whether to drop a last batch of fewer elements
   * @return the batched dataset
   * @throws IllegalArgumentException if {@code batchSize} is below 1
   */
  public final Dataset batch(int batchSize, boolean dropRemainder) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    return new Batched(this, batchSize, dropRemainder);
  }

  /**
   * Splits each batch into its samples, as {@code Dataset.unbatch}.
   *
   * @return the dataset of samples
   */
  public final Dataset unbatch() {
    return new Unbatched(this);
  }

  /**
   * Reads up to {@code bufferSize} elements ahead on a thread of its own, as {@code
   * Dataset.prefetch}: a slow source runs while the model trains.
   *
   * @param bufferSize how many elements to hold ready, at least 1
   * @return the prefetching dataset
   * @throws IllegalArgumentException if {@code bufferSize} is below 1
   */
  public final Dataset prefetch(int bufferSize) {
    if (bufferSize < 1) {
      throw new IllegalArgumentException("bufferSize must be >= 1, got " + bufferSize);
    }
    return new Prefetched(this, bufferSize);
  }

  /**
   * Keeps the elements of the first complete pass in memory and replays them in later passes,
   * as {@code Dataset.cache()}.
   *
   * @return the caching dataset
   */
  public final Dataset cache() {
    return new Cached(this);
  }

  /**
   * Repeats the passes without end, as {@code Dataset.repeat()}.
   *
   * @return the endless dataset
   */
  public final Dataset repeat() {
    return new Repeated(this, -1);
  }

  /**
   * Repeats the passes {@code count} times, as {@code Dataset.repeat(count)}.
   *
   * @param count the number of passes, at least 0
   * @return the repeated dataset
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public final Dataset repeat(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0 (repeat() repeats without end), got "
          + count);
    }
    return new Repeated(this, count);
  }

  /**
   * The first {@code count} elements, as {@code Dataset.take}.
   *
   * @param count the number of elements, at least 0
   * @return the shortened dataset
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public final Dataset take(long count) {
    return new Sliced(this, 0, checkCount(count));
  }

  /**
   * All but the first {@code count} elements, as {@code Dataset.skip}.
   *
   * @param count the number of elements to skip, at least 0
   * @return the shortened dataset
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public final Dataset skip(long count) {
    return new Sliced(this, checkCount(count), -1);
  }

  private static long checkCount(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
    return count;
  }
}
