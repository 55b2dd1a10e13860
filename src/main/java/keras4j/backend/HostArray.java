package keras4j.backend;

import java.lang.reflect.Array;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.DoubleNdArray;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.LongNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Training data on the heap as one block, whatever the user passed: Java arrays of any rank
 * ({@code float[][]}, {@code double[][]}, {@code int[]}, {@code byte[][][]}, {@code String[]},
 * ...) or TF Java NdArrays. Numbers are float32 unless the model's input takes int32, int64,
 * bool or string ({@link #of(Object, String, DType)}), as Keras converts inputs to their {@code
 * Input}'s dtype. Bytes are read as unsigned (uint8 images), as Keras data sets store them.
 */
public final class HostArray {
  // The float32 values, row-major; for a float[][] flattened only when first needed, as predict
  // and fit copy its rows straight into their tensors.
  private volatile float[] values;
  // A float[][]'s rows as given (not copied), or null.
  private final float[][] rows;
  // The values of an int32, int64, bool or string array (int[], long[], boolean[], String[]);
  // null for float32, held in `values`.
  private final Object typed;
  private final DType dtype;
  private final Shape shape;
  private final int rowSize;

  private HostArray(float[] values, Shape shape) {
    this(values, null, DType.FLOAT32, shape);
  }

  private HostArray(float[] values, Object typed, DType dtype, Shape shape) {
    this(values, null, typed, dtype, shape);
  }

  private HostArray(float[] values, float[][] rows, Object typed, DType dtype, Shape shape) {
    this.values = values;
    this.rows = rows;
    this.typed = typed;
    this.dtype = dtype;
    this.shape = shape;
    // The product of the sample dimensions, known for an empty batch [0, f] too.
    this.rowSize = (int) (shape.numDimensions() <= 1 ? 1
        : shape.subShape(1, shape.numDimensions()).size());
  }

  /**
   * The values {@code values} (row-major, not copied) in {@code shape}, samples first; the
   * caller no longer writes to them.
   */
  public static HostArray wrap(float[] values, Shape shape) {
    if (shape.numDimensions() == 0 || shape.size() != values.length) {
      throw new IllegalArgumentException(
          "A host array needs a batch dimension and " + shape.size() + " values for shape "
              + shape + ", got " + values.length + " values");
    }
    return new HostArray(values, checkSamples(shape, "the array"));
  }

  /** The same values (not copied) in {@code newShape}, of as many values. */
  public HostArray withShape(Shape newShape) {
    return wrap(floats(), newShape);
  }

  /** Converts {@code data}; {@code what} names it in error messages (e.g. "x"). */
  public static HostArray of(Object data, String what) {
    if (data == null) {
      throw new IllegalArgumentException(what + " is null");
    }
    if (data instanceof HostArray host) {
      return host;
    }
    if (data instanceof NdArray<?> nd) {
      return fromNdArray(nd, what);
    }
    if (data.getClass().isArray()) {
      return fromJavaArray(data, what);
    }
    throw new IllegalArgumentException(
        what + " must be a Java array (float[][], double[][], int[], byte[][][], ...) or a TF Java"
            + " NdArray, got " + data.getClass().getName());
  }

  /**
   * Converts {@code data} for a model input of {@code dtype}: float32 as {@link #of(Object,
   * String)}; int32 and int64 from integers, or from floats holding whole numbers (Keras casts
   * them; a fraction would be cut silently, so it is refused); bool from booleans; string from
   * Strings.
   */
  public static HostArray of(Object data, String what, DType dtype) {
    if (dtype == DType.FLOAT32 || data instanceof HostArray) {
      return of(data, what);
    }
    NdArray<?> nd = JavaArrays.toNdArray(data, what);
    Shape shape = nd.shape();
    if (shape.numDimensions() == 0 || shape.size() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          what + " must have a batch dimension and at most 2^31 values, got shape " + shape);
    }
    DType given = Eager.dtypeOf(nd);
    Object typed = switch (dtype) {
      case INT32, INT64 -> integers(nd, given, dtype, what);
      case BOOL -> given == DType.BOOL ? flat(nd, new boolean[(int) shape.size()]) : null;
      case STRING -> given == DType.STRING ? flat(nd, new String[(int) shape.size()]) : null;
      default -> throw new IllegalArgumentException("keras4j feeds inputs of dtype float32,"
          + " int32, int64, bool or string, not " + dtype);
    };
    if (typed == null) {
      throw new IllegalArgumentException(what + " holds " + given + " values but the model's input"
          + " takes " + dtype + ": pass " + (dtype == DType.BOOL ? "boolean" : "String")
          + " arrays (or an NdArray of them)");
    }
    return new HostArray(null, typed, dtype, checkSamples(shape, what));
  }

  @SuppressWarnings("unchecked")
  private static <A> A flat(NdArray<?> nd, A out) {
    if (out instanceof boolean[] b) {
      ((NdArray<Boolean>) nd).copyTo(DataBuffers.of(b, false, false));
    } else if (out instanceof String[] s) {
      ((NdArray<String>) nd).copyTo(DataBuffers.ofObjects(s));
    } else if (out instanceof int[] i) {
      ((IntNdArray) nd).copyTo(DataBuffers.of(i, false, false));
    } else {
      ((LongNdArray) nd).copyTo(DataBuffers.of((long[]) out, false, false));
    }
    return out;
  }

  /** Integer values of {@code dtype} (int[] or long[]), refusing fractions and overflow. */
  private static Object integers(NdArray<?> nd, DType given, DType dtype, String what) {
    int n = (int) nd.shape().size();
    long[] wide;
    if (given == DType.INT64) {
      wide = flat(nd, new long[n]);
    } else if (given == DType.INT32) {
      if (dtype == DType.INT32) {
        return flat(nd, new int[n]);
      }
      wide = java.util.Arrays.stream(flat(nd, new int[n])).asLongStream().toArray();
    } else if (given.isNumeric()) {
      // Floats, doubles, bytes: every value must be a whole number.
      float[] floats = of(nd, what).floats();
      wide = new long[n];
      for (int i = 0; i < n; i++) {
        if (floats[i] != Math.rint(floats[i]) || !Float.isFinite(floats[i])) {
          throw new IllegalArgumentException(what + " holds " + given + " values such as "
              + floats[i] + " but the model's input takes " + dtype + ": pass int[] or long[]"
              + " arrays (token ids), or round the values first");
        }
        wide[i] = (long) floats[i];
      }
    } else {
      throw new IllegalArgumentException(what + " holds " + given + " values but the model's"
          + " input takes " + dtype + ": pass int[] or long[] arrays (or an NdArray of them)");
    }
    if (dtype == DType.INT64) {
      return wide;
    }
    int[] narrow = new int[n];
    for (int i = 0; i < n; i++) {
      narrow[i] = Math.toIntExact(wide[i]);
    }
    return narrow;
  }

  private static HostArray fromNdArray(NdArray<?> nd, String what) {
    Shape shape = nd.shape();
    if (shape.numDimensions() == 0 || shape.size() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          what + " must have a batch dimension and at most 2^31 values, got shape " + shape);
    }
    float[] out = new float[(int) shape.size()];
    if (nd instanceof FloatNdArray f) {
      f.copyTo(DataBuffers.of(out, false, false));
    } else if (nd instanceof ByteNdArray b) {
      byte[] raw = new byte[out.length];
      b.copyTo(DataBuffers.of(raw, false, false));
      for (int i = 0; i < raw.length; i++) {
        out[i] = raw[i] & 0xFF;
      }
    } else if (nd instanceof IntNdArray n) {
      int[] raw = new int[out.length];
      n.copyTo(DataBuffers.of(raw, false, false));
      for (int i = 0; i < raw.length; i++) {
        out[i] = raw[i];
      }
    } else if (nd instanceof LongNdArray n) {
      long[] raw = new long[out.length];
      n.copyTo(DataBuffers.of(raw, false, false));
      for (int i = 0; i < raw.length; i++) {
        out[i] = raw[i];
      }
    } else if (nd instanceof DoubleNdArray d) {
      double[] raw = new double[out.length];
      d.copyTo(DataBuffers.of(raw, false, false));
      for (int i = 0; i < raw.length; i++) {
        out[i] = (float) raw[i];
      }
    } else {
      throw new IllegalArgumentException(
          what + " must hold numbers (float, double, int, long or byte), got " + nd.getClass());
    }
    return new HostArray(out, checkSamples(shape, what));
  }

  /**
   * Refuses a zero dimension after the batch one: TensorFlow's kernels abort the JVM on empty
   * samples (oneDNN's inner product has no primitive for them).
   */
  private static Shape checkSamples(Shape shape, String what) {
    for (int i = 1; i < shape.numDimensions(); i++) {
      if (shape.get(i) == 0) {
        throw new IllegalArgumentException(what + " has samples of shape "
            + shape.tail() + " with a zero dimension: every sample needs at least one value");
      }
    }
    return shape;
  }

  private static HostArray fromJavaArray(Object data, String what) {
    if (data instanceof float[][] rows && rows.length > 0) {
      for (float[] row : rows) {
        if (row == null) {
          throw new IllegalArgumentException(what + " has a null row: give every sample's values");
        }
        if (row.length != rows[0].length) {
          throw new IllegalArgumentException(
              what + " is a ragged array: its rows differ in length");
        }
      }
      return new HostArray(null, rows, null, DType.FLOAT32,
          checkSamples(Shape.of(rows.length, rows[0].length), what));
    }
    Shape shape = javaShape(data, what);
    float[] out = new float[Math.toIntExact(shape.size())];
    int filled = flatten(data, out, 0, what);
    if (filled != out.length) {
      throw new IllegalArgumentException(what + " is a ragged array: its rows differ in length");
    }
    return new HostArray(out, checkSamples(shape, what));
  }

  private static Shape javaShape(Object data, String what) {
    int rank = 0;
    long[] dims = new long[8];
    Object level = data;
    while (level != null && level.getClass().isArray()) {
      dims[rank++] = Array.getLength(level);
      level = Array.getLength(level) > 0 && level.getClass().getComponentType().isArray()
          ? Array.get(level, 0) : null;
    }
    long[] exact = new long[rank];
    System.arraycopy(dims, 0, exact, 0, rank);
    return Shape.of(exact);
  }

  private static int flatten(Object data, float[] out, int at, String what) {
    if (data instanceof float[] a) {
      checkFits(out, at, a.length, what);
      System.arraycopy(a, 0, out, at, a.length);
      return at + a.length;
    } else if (data instanceof double[] a) {
      checkFits(out, at, a.length, what);
      for (double v : a) {
        out[at++] = (float) v;
      }
      return at;
    } else if (data instanceof int[] a) {
      checkFits(out, at, a.length, what);
      for (int v : a) {
        out[at++] = v;
      }
      return at;
    } else if (data instanceof long[] a) {
      checkFits(out, at, a.length, what);
      for (long v : a) {
        out[at++] = v;
      }
      return at;
    } else if (data instanceof byte[] a) {
      checkFits(out, at, a.length, what);
      for (byte v : a) {
        out[at++] = v & 0xFF;
      }
      return at;
    } else if (data instanceof Object[] rows) {
      for (Object row : rows) {
        if (row == null) {
          throw new IllegalArgumentException(what + " contains a null row");
        }
        at = flatten(row, out, at, what);
      }
      return at;
    }
    throw new IllegalArgumentException(
        what + " must hold float, double, int, long or byte values, got " + data.getClass());
  }

  private static void checkFits(float[] out, int at, int length, String what) {
    if (at + length > out.length) {
      throw new IllegalArgumentException(what + " is a ragged array: its rows differ in length");
    }
  }

  /** All the values, in their shape, as a read-only heap array; only for float32 arrays. */
  public FloatNdArray toNdArray() {
    return NdArrays.wrap(shape, DataBuffers.of(floats(), true, false));
  }

  /** The dtype of the values: float32, or the int32, int64, bool or string an input takes. */
  public DType dtype() {
    return dtype;
  }

  private float[] floats() {
    if (dtype != DType.FLOAT32) {
      throw new IllegalStateException("This array holds " + dtype + " values, not float32");
    }
    float[] flat = values;
    if (flat == null) {
      flat = new float[rows.length * rowSize];
      for (int i = 0; i < rows.length; i++) {
        System.arraycopy(rows[i], 0, flat, i * rowSize, rowSize);
      }
      values = flat;
    }
    return flat;
  }

  /** The full shape, samples first. */
  public Shape shape() {
    return shape;
  }

  /** The number of values of one sample. */
  public int sampleSize() {
    return rowSize;
  }

  /** The number of samples. */
  public int samples() {
    return (int) shape.get(0);
  }

  /** Whether any value is NaN or infinite. */
  public boolean hasNonFinite() {
    if (dtype != DType.FLOAT32) {
      return false;
    }
    for (float v : floats()) {
      if (!Float.isFinite(v)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Mean and (population) variance of each feature along the last axis, over all samples and
   * other axes: {@code {means, variances}}.
   */
  public double[][] featureMoments() {
    float[] values = floats();
    int features = (int) shape.get(shape.numDimensions() - 1);
    double[] sum = new double[features];
    double[] sumSquares = new double[features];
    for (int i = 0; i < values.length; i++) {
      sum[i % features] += values[i];
    }
    long count = values.length / features;
    double[] mean = new double[features];
    for (int f = 0; f < features; f++) {
      mean[f] = sum[f] / count;
    }
    for (int i = 0; i < values.length; i++) {
      double d = values[i] - mean[i % features];
      sumSquares[i % features] += d * d;
    }
    double[] variance = new double[features];
    for (int f = 0; f < features; f++) {
      variance[f] = sumSquares[f] / count;
    }
    return new double[][] {mean, variance};
  }

  /** Samples {@code from} (inclusive) to {@code to} (exclusive) as a new heap array. */
  public HostArray slice(int from, int to) {
    Object source = dtype == DType.FLOAT32 ? floats() : typed;
    Object out = Array.newInstance(source.getClass().getComponentType(), (to - from) * rowSize);
    System.arraycopy(source, from * rowSize, out, 0, Array.getLength(out));
    Shape sliced = shape.tail().prepend(to - from);
    return dtype == DType.FLOAT32 ? new HostArray((float[]) out, sliced)
        : new HostArray(null, out, dtype, sliced);
  }

  /**
   * A tensor of the samples {@code order[from..to)} ({@code order} null: as stored), of this
   * array's dtype; the caller closes it.
   */
  public TType batch(int[] order, int from, int to) {
    return fill(null, order, from, to);
  }

  /**
   * The samples {@code order[from..to)} ({@code order} null: as stored) in {@code reusable} (of
   * shape {@link #batchShape(int) batchShape(to - from)} and this array's dtype; null: a new
   * tensor), reusing its native memory. A string tensor cannot be rewritten: {@code reusable} is
   * closed and a new tensor returned.
   */
  public TType fill(TType reusable, int[] order, int from, int to) {
    Shape batchShape = batchShape(to - from);
    if (dtype == DType.FLOAT32) {
      TFloat32 tensor = reusable != null ? (TFloat32) reusable : TFloat32.tensorOf(batchShape);
      copyRows(order, from, to, tensor.asRawTensor().data().asFloats());
      return tensor;
    }
    Object rows = Array.newInstance(typed.getClass().getComponentType(), (to - from) * rowSize);
    if (order == null) {
      System.arraycopy(typed, from * rowSize, rows, 0, (to - from) * rowSize);
    } else {
      for (int i = from; i < to; i++) {
        System.arraycopy(typed, order[i] * rowSize, rows, (i - from) * rowSize, rowSize);
      }
    }
    if (dtype == DType.STRING) {
      if (reusable != null) {
        reusable.close();
      }
      return TString.tensorOf(NdArrays.wrap(batchShape, DataBuffers.ofObjects((String[]) rows)));
    }
    TType tensor = reusable != null ? reusable : switch (dtype) {
      case INT32 -> TInt32.tensorOf(batchShape);
      case INT64 -> TInt64.tensorOf(batchShape);
      default -> TBool.tensorOf(batchShape);
    };
    var data = tensor.asRawTensor().data();
    switch (dtype) {
      case INT32 -> data.asInts().write((int[]) rows);
      case INT64 -> data.asLongs().write((long[]) rows);
      default -> data.asBooleans().write((boolean[]) rows);
    }
    return tensor;
  }

  /**
   * Copies the samples {@code order[from..to)} ({@code order} null: as stored) to the start of
   * {@code buffer}, one sample after the other.
   */
  public void copyRows(int[] order, int from, int to, FloatDataBuffer buffer) {
    if (rows != null && values == null) {
      for (int i = from; i < to; i++) {
        buffer.offset((long) (i - from) * rowSize).write(rows[order == null ? i : order[i]]);
      }
      return;
    }
    float[] values = floats();
    if (order == null) {
      buffer.write(values, from * rowSize, (to - from) * rowSize);
      return;
    }
    for (int i = from; i < to; i++) {
      buffer.offset((long) (i - from) * rowSize).write(values, order[i] * rowSize, rowSize);
    }
  }

  /** The shape of a tensor of {@code rows} samples (rank-1 data as a column, as Keras feeds it). */
  public Shape batchShape(int rows) {
    return shape.numDimensions() == 1 ? Shape.of(rows, 1) : shape.tail().prepend(rows);
  }

  /** The shape of one batch's tensor, batch size unknown (-1). */
  public Shape batchShape() {
    return batchShape(-1);
  }
}
