package keras4j.data;

import java.util.SplittableRandom;
import keras4j.backend.HostArray;
import keras4j.backend.HostRows;
import keras4j.utils.RandomSeed;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Sliding windows over a series, as Keras's {@code keras.utils.timeseries_dataset_from_array}:
 * window {@code i} holds the time steps {@code startIndex + p, p + samplingRate, ...} ({@code
 * sequenceLength} of them) from its start {@code p = i * sequenceStride}, and its target is
 * {@code targets[startIndex + p]}. Windows are copied out of the series as they are read, so a
 * pass holds only its batches.
 *
 */
final class Timeseries extends Dataset {
  private final HostArray data;
  private final HostArray targets;
  private final int[] starts;
  private final int sequenceLength;
  private final int samplingRate;
  private final int startIndex;
  private final SplittableRandom passes;

  private Timeseries(HostArray data, HostArray targets, int[] starts, int sequenceLength,
      int samplingRate, int startIndex, SplittableRandom passes) {
    this.data = data;
    this.targets = targets;
    this.starts = starts;
    this.sequenceLength = sequenceLength;
    this.samplingRate = samplingRate;
    this.startIndex = startIndex;
    this.passes = passes;
  }

  /** Keras's checks and window starts; see {@link Dataset#timeseriesFromArray}. */
  static Dataset of(Object dataArray, Object targetArray, int sequenceLength, int sequenceStride,
      int samplingRate, Integer batchSize, boolean shuffle, Long seed, Integer startIndex,
      Integer endIndex) {
    HostArray data = HostArray.of(dataArray, "data");
    HostArray targets = targetArray == null ? null : HostArray.of(targetArray, "targets");
    int n = data.samples();
    if (sequenceLength < 1) {
      throw new IllegalArgumentException("sequenceLength must be at least 1. Received: "
          + "sequenceLength=" + sequenceLength);
    }
    if (startIndex != null && (startIndex < 0 || startIndex >= n)) {
      throw new IllegalArgumentException("startIndex must be 0 or greater and lower than the"
          + " length of the data. Received: startIndex=" + startIndex + ", for data of length "
          + n);
    }
    int start = startIndex == null ? 0 : startIndex;
    if (endIndex != null && (endIndex <= start || endIndex >= n)) {
      throw new IllegalArgumentException("endIndex must be higher than startIndex (" + start
          + ") and lower than the length of the data. Received: endIndex=" + endIndex
          + ", for data of length " + n);
    }
    if (samplingRate <= 0 || samplingRate >= n) {
      throw new IllegalArgumentException("samplingRate must be higher than 0 and lower than the"
          + " length of the data. Received: samplingRate=" + samplingRate + ", for data of"
          + " length " + n);
    }
    if (sequenceStride <= 0 || sequenceStride >= n) {
      throw new IllegalArgumentException("sequenceStride must be higher than 0 and lower than"
          + " the length of the data. Received: sequenceStride=" + sequenceStride + ", for data"
          + " of length " + n);
    }
    if (batchSize != null && batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1 (or null for single windows),"
          + " got " + batchSize);
    }
    int end = endIndex == null ? n : endIndex;
    long windows = end - start - (long) (sequenceLength - 1) * samplingRate;
    if (targets != null) {
      // Keras takes min(windows, len(targets)); a target must also exist past startIndex.
      windows = Math.min(windows, targets.samples() - start);
    }
    if (windows <= 0) {
      throw new IllegalArgumentException("No window of " + sequenceLength + " steps, "
          + samplingRate + " apart, fits in the " + (end - start) + " time steps [" + start
          + ", " + end + ")" + (targets == null ? "" : " with " + targets.samples()
              + " targets") + ": shorten the sequence or give more data");
    }
    int[] starts = new int[(int) ((windows + sequenceStride - 1) / sequenceStride)];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = i * sequenceStride;
    }
    // Keras shuffles the starts once with NumPy, then each pass with a tf.data buffer; keras4j
    // draws a new permutation of the windows each pass from the seed instead.
    long s = seed != null ? seed : RandomSeed.next();
    SplittableRandom passes = shuffle ? new SplittableRandom(s) : null;
    Dataset windowsDataset = new Timeseries(data, targets, starts, sequenceLength, samplingRate,
        start, passes);
    return batchSize == null ? windowsDataset : windowsDataset.batch(batchSize);
  }

  @Override
  public DatasetIterator iterator() {
    int[] order = FileIndex.passOrder(starts.length, passes);
    int[] rows = new int[sequenceLength];
    return new DatasetIterator() {
      private int next;

      @Override
      protected Batch pull() {
        if (next == starts.length) {
          return null;
        }
        int p = starts[order[next++]];
        for (int k = 0; k < sequenceLength; k++) {
          rows[k] = startIndex + p + k * samplingRate;
        }
        float[] window = new float[sequenceLength * data.sampleSize()];
        data.copyRows(rows, 0, sequenceLength, DataBuffers.of(window, false, false));
        Shape shape = data.shape().tail().prepend(sequenceLength).prepend(1);
        return Batch.of(HostRows.sample(HostArray.wrap(window, shape), 0),
            targets == null ? null : HostRows.sample(targets, startIndex + p));
      }
    };
  }

  @Override
  public long cardinality() {
    return starts.length;
  }
}
