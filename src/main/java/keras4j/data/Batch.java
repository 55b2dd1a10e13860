package keras4j.data;

import keras4j.backend.DataBridge;
import keras4j.backend.HostArray;
import keras4j.backend.HostRows;
import keras4j.core.Shapes;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;

/**
 * One element of a {@link Dataset}: inputs {@code x} and, for {@code fit} and {@code evaluate},
 * labels {@code y}, as the {@code (x, y)} tuples a Keras generator or {@code tf.data.Dataset}
 * yields. An element is a batch (its arrays have a batch axis first, as {@code fit}'s arrays) or,
 * in a dataset not batched yet, one sample without a batch axis ({@link #isSample()}), as an
 * element of {@code tf.data.Dataset.from_tensor_slices}.
 *
 * <p>A batch may hold a view of rows of a larger array (the samples of {@link
 * Dataset#fromArrays} batched again): nothing is copied until {@link #x()} or the model reads it.
 * Arrays keep their type ({@code int[][]} token ids stay int32, {@code long}, {@code boolean}
 * and {@code String} arrays too; other numbers are float32), and are converted to the model
 * input's dtype as they are fed, as {@code fit} on arrays converts them. Batches are immutable.
 */
public final class Batch {
  static {
    DataBridge.install(new DataBridge.Access() {
      @Override
      public HostRows x(Object batch) {
        return ((Batch) batch).x;
      }

      @Override
      public HostRows y(Object batch) {
        return ((Batch) batch).y;
      }
    });
  }

  private final HostRows x;
  private final HostRows y;

  Batch(HostRows x, HostRows y) {
    this.x = x;
    this.y = y;
  }

  /**
   * A batch of inputs and labels.
   *
   * @param x the inputs, batch axis first: a Java array ({@code float[][]}, {@code double[][]},
   *     {@code int[][]}, {@code byte[][][]}, {@code String[]}, ...) or a TF Java NdArray, as
   *     {@code fit} takes
   * @param y the labels, as many as there are samples ({@code int[]}, {@code float[][]}, ...)
   * @return the batch
   * @throws IllegalArgumentException if an array is null, ragged or not numeric, or their numbers
   *     of samples differ
   */
  public static Batch of(Object x, Object y) {
    Batch batch = new Batch(
        HostRows.all(HostArray.typed(x, "x")), HostRows.all(HostArray.typed(y, "y")));
    if (batch.x.samples() != batch.y.samples()) {
      throw new IllegalArgumentException("A batch with x of " + batch.x.samples()
          + " samples but y of " + batch.y.samples() + ": give one label per sample");
    }
    return batch;
  }

  /**
   * A batch of inputs without labels, for {@code predict}.
   *
   * @param x the inputs, batch axis first (as {@link #of(Object, Object)})
   * @return the batch
   * @throws IllegalArgumentException if the array is null, ragged or not numeric
   */
  public static Batch of(Object x) {
    return new Batch(HostRows.all(HostArray.typed(x, "x")), null);
  }

  /**
   * One sample and its label, without a batch axis: {@code Batch.sample(new float[] {1, 2}, 0)};
   * a dataset of samples is batched with {@link Dataset#batch(int)}.
   *
   * @param x the sample's inputs: an array of any rank, or a number
   * @param y its label: a number (a class index or a target) or an array
   * @return the sample
   * @throws IllegalArgumentException if a value is null or not numeric
   */
  public static Batch sample(Object x, Object y) {
    return new Batch(one(x, "x"), one(y, "y"));
  }

  /**
   * One sample of inputs without a label, for {@code predict}.
   *
   * @param x the sample's inputs: an array of any rank, or a number
   * @return the sample
   * @throws IllegalArgumentException if the value is null or not numeric
   */
  public static Batch sample(Object x) {
    return new Batch(one(x, "x"), null);
  }

  private static HostRows one(Object value, String what) {
    if (value instanceof Number n) {
      return HostRows.sample(HostArray.wrap(new float[] {n.floatValue()}, Shape.of(1)), 0);
    }
    HostArray array = HostArray.typed(value, what);
    return HostRows.sample(array.withShape(array.shape().prepend(1)), 0);
  }

  /**
   * The inputs, as a new float32 heap array (integers converted): a batch's shape starts with
   * its batch size.
   *
   * @return the inputs
   * @throws IllegalArgumentException if they are bool or string values
   */
  public FloatNdArray x() {
    return x.toNdArray();
  }

  /**
   * The labels, as a new float32 heap array (integers converted).
   *
   * @return the labels
   * @throws IllegalStateException if this element has none (made by {@link #of(Object)})
   */
  public FloatNdArray y() {
    if (y == null) {
      throw new IllegalStateException("This element has no labels (y): it was made without them");
    }
    return y.toNdArray();
  }

  /**
   * Whether this element has labels.
   *
   * @return true if it has labels
   */
  public boolean hasLabels() {
    return y != null;
  }

  /**
   * Whether this is one sample without a batch axis (an element of a dataset not batched).
   *
   * @return true for a sample, false for a batch
   */
  public boolean isSample() {
    return !x.batched();
  }

  /**
   * The number of samples: the batch size, or 1 for a sample.
   *
   * @return the number of samples
   */
  public int size() {
    return x.samples();
  }

  HostRows xRows() {
    return x;
  }

  HostRows yRows() {
    return y;
  }

  /** A readable summary: the shapes, as {@code Batch(x=(32, 784), y=(32))}. */
  @Override
  public String toString() {
    return "Batch(x=" + Shapes.toKeras(x.shape())
        + (y == null ? "" : ", y=" + Shapes.toKeras(y.shape())) + ")";
  }
}
