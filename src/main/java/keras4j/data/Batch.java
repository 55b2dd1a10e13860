package keras4j.data;

import java.util.function.BiFunction;
import keras4j.backend.BatchPart;
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
 *
 * <p>As Keras's nested structures, {@code x} and {@code y} are one array, a {@code List} of
 * arrays in the model's input (output) order, or a {@code Map} of arrays by input (output) name,
 * and an element may carry sample weights, as the {@code (x, y, sample_weight)} tuples Keras
 * takes: {@code Batch.of(List.of(images, tabular), Map.of("label", y), weights)}.
 * Arrays keep their type ({@code int[][]} token ids stay int32, {@code long}, {@code boolean}
 * and {@code String} arrays too; other numbers are float32), and are converted to the model
 * input's dtype as they are fed, as {@code fit} on arrays converts them. Batches are immutable.
 */
public final class Batch {
  static {
    DataBridge.install(new DataBridge.Access() {
      @Override
      public BatchPart x(Object batch) {
        return ((Batch) batch).x;
      }

      @Override
      public BatchPart y(Object batch) {
        return ((Batch) batch).y;
      }

      @Override
      public BatchPart sampleWeight(Object batch) {
        return ((Batch) batch).sampleWeight;
      }
    });
  }

  private final BatchPart x;
  private final BatchPart y;
  private final BatchPart sampleWeight;

  Batch(BatchPart x, BatchPart y, BatchPart sampleWeight) {
    this.x = x;
    this.y = y;
    this.sampleWeight = sampleWeight;
    for (BatchPart part : new BatchPart[] {y, sampleWeight}) {
      if (part != null && (part.samples() != x.samples() || part.batched() != x.batched())) {
        throw new IllegalArgumentException("An element with x of " + x.samples()
            + " samples but " + (part == y ? "y" : "sampleWeight") + " of " + part.samples()
            + ": give one label and one weight per sample");
      }
    }
  }

  /** An element of one array of inputs and one of labels (null: none), of rows already made. */
  static Batch of(HostRows x, HostRows y) {
    return new Batch(BatchPart.of(x, "x", Batch::rows), y == null ? null
        : BatchPart.of(y, "y", Batch::rows), null);
  }

  private static HostRows rows(Object made, String what) {
    return (HostRows) made;
  }

  /**
   * A batch of inputs and labels.
   *
   * @param x the inputs, batch axis first: a Java array ({@code float[][]}, {@code double[][]},
   *     {@code int[][]}, {@code byte[][][]}, {@code String[]}, ...) or a TF Java NdArray, as
   *     {@code fit} takes; for a model of several inputs a {@code List} of them in its input
   *     order or a {@code Map} by input name
   * @param y the labels, as many as there are samples ({@code int[]}, {@code float[][]}, ...);
   *     a {@code List} or {@code Map} of them for a model of several outputs
   * @return the batch
   * @throws IllegalArgumentException if an array is null, ragged or not numeric, or their numbers
   *     of samples differ
   */
  public static Batch of(Object x, Object y) {
    return of(x, y, null);
  }

  /**
   * A batch of inputs, labels and sample weights, as Keras's {@code (x, y, sample_weight)}.
   *
   * @param x the inputs, as {@link #of(Object, Object)}
   * @param y the labels, as {@link #of(Object, Object)}
   * @param sampleWeight one weight per sample ({@code float[]}, shape {@code (batch,)}), for
   *     every output, or a {@code List}/{@code Map} of them by output; null: every sample weighs 1
   * @return the batch
   * @throws IllegalArgumentException if an array is null, ragged or not numeric, or their numbers
   *     of samples differ
   */
  public static Batch of(Object x, Object y, Object sampleWeight) {
    return of(x, y, sampleWeight, Batch::batchRows,
        "A batch with sample weights needs labels y too");
  }

  /**
   * The element of {@code x}, {@code y} and {@code sampleWeight} (null: none), each array made
   * by {@code rows}; {@code noLabels} is the error for weights without labels.
   */
  private static Batch of(Object x, Object y, Object sampleWeight,
      BiFunction<Object, String, HostRows> rows, String noLabels) {
    if (y == null && sampleWeight != null) {
      throw new IllegalArgumentException(noLabels);
    }
    return new Batch(BatchPart.of(x, "x", rows), y == null ? null : BatchPart.of(y, "y", rows),
        sampleWeight == null ? null : BatchPart.of(sampleWeight, "sampleWeight", rows));
  }

  /** The rows of a whole array, batch axis first. */
  static HostRows batchRows(Object data, String what) {
    return HostRows.all(HostArray.typed(data, what));
  }

  /**
   * A batch of inputs without labels, for {@code predict}.
   *
   * @param x the inputs, batch axis first (as {@link #of(Object, Object)})
   * @return the batch
   * @throws IllegalArgumentException if the array is null, ragged or not numeric
   */
  public static Batch of(Object x) {
    return new Batch(BatchPart.of(x, "x", Batch::batchRows), null, null);
  }

  /**
   * One sample and its label, without a batch axis: {@code Batch.sample(new float[] {1, 2}, 0)};
   * a dataset of samples is batched with {@link Dataset#batch(int)}.
   *
   * @param x the sample's inputs: an array of any rank, or a number; a {@code List} or {@code
   *     Map} of them for a model of several inputs
   * @param y its label: a number (a class index or a target) or an array; a {@code List} or
   *     {@code Map} of them for a model of several outputs
   * @return the sample
   * @throws IllegalArgumentException if a value is null or not numeric
   */
  public static Batch sample(Object x, Object y) {
    return sample(x, y, null);
  }

  /**
   * One sample, its label and its weight, without a batch axis.
   *
   * @param x the sample's inputs, as {@link #sample(Object, Object)}
   * @param y its label, as {@link #sample(Object, Object)}
   * @param sampleWeight its weight (a number), or a {@code List}/{@code Map} of weights by output
   * @return the sample
   * @throws IllegalArgumentException if a value is null or not numeric
   */
  public static Batch sample(Object x, Object y, Object sampleWeight) {
    return of(x, y, sampleWeight, Batch::one, "A sample with a weight needs a label y too");
  }

  /**
   * One sample of inputs without a label, for {@code predict}.
   *
   * @param x the sample's inputs: an array of any rank, or a number
   * @return the sample
   * @throws IllegalArgumentException if the value is null or not numeric
   */
  public static Batch sample(Object x) {
    return new Batch(BatchPart.of(x, "x", Batch::one), null, null);
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
   * @throws IllegalStateException if the element holds several input arrays (use {@link #x(int)})
   */
  public FloatNdArray x() {
    return x.rows().toNdArray();
  }

  /**
   * Input array {@code index} of an element of several (in the order given), as {@link #x()}.
   *
   * @param index the array's position in the list or map the element was made of
   * @return the inputs
   * @throws IndexOutOfBoundsException if there is no such array
   */
  public FloatNdArray x(int index) {
    return x.all().get(index).toNdArray();
  }

  /**
   * The labels, as a new float32 heap array (integers converted).
   *
   * @return the labels
   * @throws IllegalStateException if this element has none (made by {@link #of(Object)}), or
   *     several label arrays (use {@link #y(int)})
   */
  public FloatNdArray y() {
    return labels().rows().toNdArray();
  }

  /**
   * Label array {@code index} of an element of several (in the order given), as {@link #y()}.
   *
   * @param index the array's position in the list or map the element was made of
   * @return the labels
   * @throws IllegalStateException if this element has no labels
   * @throws IndexOutOfBoundsException if there is no such array
   */
  public FloatNdArray y(int index) {
    return labels().all().get(index).toNdArray();
  }

  private BatchPart labels() {
    if (y == null) {
      throw new IllegalStateException("This element has no labels (y): it was made without them");
    }
    return y;
  }

  /**
   * The sample weights, as a new float32 heap array.
   *
   * @return the weights, one per sample
   * @throws IllegalStateException if this element has none, or one array per output
   */
  public FloatNdArray sampleWeight() {
    if (sampleWeight == null) {
      throw new IllegalStateException("This element has no sample weights: it was made without");
    }
    return sampleWeight.rows().toNdArray();
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
   * Whether this element has sample weights.
   *
   * @return true if it has sample weights
   */
  public boolean hasSampleWeight() {
    return sampleWeight != null;
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

  BatchPart xPart() {
    return x;
  }

  BatchPart yPart() {
    return y;
  }

  BatchPart sampleWeightPart() {
    return sampleWeight;
  }

  /** A readable summary: the shapes, as {@code Batch(x=(32, 784), y=(32,))}. */
  @Override
  public String toString() {
    return "Batch(x=" + x.describe(Shapes::toKeras)
        + (y == null ? "" : ", y=" + y.describe(Shapes::toKeras))
        + (sampleWeight == null ? "" : ", sampleWeight=" + sampleWeight.describe(Shapes::toKeras))
        + ")";
  }
}
