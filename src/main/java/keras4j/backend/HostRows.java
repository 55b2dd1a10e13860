package keras4j.backend;

import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;

/**
 * Some samples of a {@link HostArray}, not copied: one part (inputs or labels) of a dataset
 * element. A batch is {@code rows.length} samples with a batch axis; a single sample
 * ({@code batched} false) has no batch axis, as a {@code tf.data} element of an unbatched
 * dataset. Slicing a data set into samples, shuffling and batching them again thus moves
 * references, and the values are copied once, into the tensor that feeds the model.
 */
public final class HostRows {
  private final HostArray source;
  private final int[] rows;
  private final boolean batched;

  private HostRows(HostArray source, int[] rows, boolean batched) {
    this.source = source;
    this.rows = rows;
    this.batched = batched;
  }

  /** Every sample of {@code array}, as one batch. */
  public static HostRows all(HostArray array) {
    return new HostRows(array, null, true);
  }

  /** The samples {@code rows} of {@code array} (indices, not copied), as one batch. */
  public static HostRows of(HostArray array, int[] rows) {
    for (int row : rows) {
      if (row < 0 || row >= array.samples()) {
        throw new IllegalArgumentException("Index " + row + " is out of range for an array of "
            + array.samples() + " samples");
      }
    }
    return new HostRows(array, rows.clone(), true);
  }

  /** Sample {@code row} of {@code array}, without a batch axis. */
  public static HostRows sample(HostArray array, int row) {
    return new HostRows(array, new int[] {row}, false);
  }

  /**
   * The samples (or batches) {@code parts}, stacked along a new batch axis: their rows again,
   * when all are samples of one array, else their values copied into a new array.
   *
   * @throws IllegalArgumentException if the parts differ in shape
   */
  public static HostRows stack(HostRows[] parts, String what) {
    Shape shape = parts[0].shape();
    for (int i = 1; i < parts.length; i++) {
      if (!sameShape(parts[i].shape(), shape)) {
        throw new IllegalArgumentException("Cannot batch " + what + " of shape " + shape
            + " with " + what + " of shape " + parts[i].shape() + " (element " + i + " of the"
            + " batch): every element of a batch must have the same shape");
      }
    }
    boolean oneSource = true;
    for (HostRows part : parts) {
      oneSource &= !part.batched && part.source == parts[0].source;
    }
    if (oneSource) {
      int[] rows = new int[parts.length];
      for (int i = 0; i < parts.length; i++) {
        rows[i] = parts[i].rows[0];
      }
      return new HostRows(parts[0].source, rows, true);
    }
    DType dtype = parts[0].dtype();
    if (java.util.Arrays.stream(parts).anyMatch(part -> part.dtype() != dtype)) {
      // Numbers of several types (float and int samples) batch as float32, as they did before
      // batches kept types; bool or string mixed with numbers is refused by the conversion.
      HostRows[] floats = new HostRows[parts.length];
      for (int i = 0; i < parts.length; i++) {
        floats[i] = parts[i].as(DType.FLOAT32, what + " (element " + i + " of the batch)");
      }
      return stack(floats, what);
    }
    int size = Math.toIntExact(shape.size());
    Object values = java.lang.reflect.Array.newInstance(
        parts[0].values().getClass().getComponentType(), Math.multiplyExact(size, parts.length));
    for (int i = 0; i < parts.length; i++) {
      System.arraycopy(parts[i].values(), 0, values, i * size, size);
    }
    return all(HostArray.wrap(values, dtype, shape.prepend(parts.length)));
  }

  /** Sample {@code i} of this batch, without a batch axis. */
  public HostRows row(int i) {
    return sample(source, rows == null ? i : rows[i]);
  }

  /** The dtype of the values: float32, int32, int64, bool or string. */
  public DType dtype() {
    return source.dtype();
  }

  /**
   * These samples as {@code target} ({@link HostArray#as}): themselves if of that dtype, else
   * a converted copy of just these rows. {@code what} names them in errors.
   */
  public HostRows as(DType target, String what) {
    if (target == dtype()) {
      return this;
    }
    Shape shape = source.shape().tail().prepend(samples());
    return new HostRows(HostArray.wrap(values(), dtype(), shape).as(target, what), null, batched);
  }

  /**
   * The values, sample after sample, in a new Java array of their dtype (float[], int[],
   * long[], boolean[] or String[]).
   */
  public Object values() {
    return source.gather(rows, 0, samples());
  }

  /** Whether this is a batch (with a batch axis) rather than one sample. */
  public boolean batched() {
    return batched;
  }

  /** The number of samples: of the batch, or 1. */
  public int samples() {
    return rows == null ? source.samples() : rows.length;
  }

  /** The shape of this batch or sample, as a {@code tf.data} element's. */
  public Shape shape() {
    Shape tail = source.shape().tail();
    return batched ? tail.prepend(samples()) : tail;
  }

  /** The shape of the tensor that feeds {@code rows} of these samples (rank 1 as a column). */
  public Shape feedShape(int rows) {
    return source.batchShape(rows);
  }

  /** Copies the values, sample after sample, to the start of {@code buffer}. */
  public void copyTo(FloatDataBuffer buffer) {
    source.copyRows(rows, 0, samples(), buffer);
  }

  /**
   * The values as a new float32 heap array of {@link #shape()} (integers converted).
   *
   * @throws IllegalArgumentException for bool or string values
   */
  public FloatNdArray toNdArray() {
    if (dtype() != DType.FLOAT32) {
      return as(DType.FLOAT32, "the array").toNdArray();
    }
    float[] values = new float[Math.multiplyExact(samples(), source.sampleSize())];
    copyTo(DataBuffers.of(values, false, false));
    return NdArrays.wrap(shape(), DataBuffers.of(values, false, false));
  }

  /** The number of values in one sample. */
  public int sampleSize() {
    return source.sampleSize();
  }

  private static boolean sameShape(Shape a, Shape b) {
    return java.util.Arrays.equals(a.asArray(), b.asArray());
  }
}
