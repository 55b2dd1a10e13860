package keras4j.backend;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.DoubleNdArray;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.LongNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Training data on the heap, whatever the user passed: Java arrays of any rank ({@code
 * float[][]}, {@code double[][]}, {@code int[]}, {@code byte[][][]}, {@code String[]}, ...) or TF
 * Java NdArrays. Numbers are float32 unless the model's input takes int32, int64, bool or string
 * ({@link #of(Object, String, DType)}), as Keras converts inputs to their {@code Input}'s dtype.
 * Bytes are read as unsigned (uint8 images), as Keras data sets store them.
 *
 * <p>Float32 data given as a {@code FloatNdArray} (other than a tensor), a {@code float[][]} or a
 * {@code float[]} is not copied: batches are read from the user's array itself, as Keras reads a NumPy array, so
 * that {@code fit} holds no second copy of a training set (changes to the array are seen).
 * Other values are converted once into a heap array of their own.
 */
public final class HostArray {
  // The float32 values: the user's NdArray (of floats, or of bytes, ints, longs or doubles
  // converted as batches are read), or one over a float[] or values converted once; null for a
  // float[][] (rowArrays) and for other dtypes (typed).
  private final NdArray<?> source;
  // The samples of a float[][], the user's rows themselves (each of rowSize values).
  private final float[][] rowArrays;
  // The values of source when they are one heap array, row-major (a float[] given or values
  // converted once), for bulk copies to native memory; else null.
  private final float[] flatValues;
  // The values of an int32, int64, bool or string array (int[], long[], boolean[], String[]);
  // null for float32.
  private final Object typed;
  private final DType dtype;
  private final Shape shape;
  private final int rowSize;

  private HostArray(NdArray<?> source, Shape shape) {
    this(source, null, null, DType.FLOAT32, shape);
  }

  private HostArray(float[] values, Shape shape) {
    this(over(values, shape), null, values, null, DType.FLOAT32, shape);
  }

  private HostArray(NdArray<?> source, float[][] rowArrays, Object typed, DType dtype,
      Shape shape) {
    this(source, rowArrays, null, typed, dtype, shape);
  }

  private HostArray(NdArray<?> source, float[][] rowArrays, float[] flatValues, Object typed,
      DType dtype, Shape shape) {
    this.source = source;
    this.rowArrays = rowArrays;
    this.flatValues = flatValues;
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

  private static FloatNdArray over(float[] values, Shape shape) {
    return NdArrays.wrap(shape, DataBuffers.of(values, false, false));
  }

  /** The same values, copied, in {@code newShape} of as many values. */
  public HostArray withShape(Shape newShape) {
    return wrap(gather(null, 0, samples()), dtype, newShape);
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
   * Keeps {@code data} as its own dtype, for a dataset that does not know yet which model it
   * feeds: int32 for {@code int} arrays and IntNdArrays, int64 for {@code long}, bool for {@code
   * boolean}, string for Strings; other numbers (float, double, byte) as {@link #of(Object,
   * String)}. {@link #as} converts them to the model input's dtype when they are fed.
   */
  public static HostArray typed(Object data, String what) {
    DType own = ownDtype(data);
    return own == null ? of(data, what) : of(data, what, own);
  }

  /** The int32, int64, bool or string dtype of {@code data}, or null for float32. */
  private static DType ownDtype(Object data) {
    if (data instanceof HostArray host) {
      return host.dtype == DType.FLOAT32 ? null : host.dtype;
    }
    if (data instanceof NdArray<?> nd && !(nd instanceof FloatNdArray
        || nd instanceof DoubleNdArray || nd instanceof ByteNdArray)) {
      DType given = Eager.dtypeOf(nd);
      return given == DType.INT32 || given == DType.INT64 || given == DType.BOOL
          || given == DType.STRING ? given : null;
    }
    Class<?> leaf = data == null ? null : data.getClass();
    while (leaf != null && leaf.isArray()) {
      leaf = leaf.getComponentType();
    }
    if (leaf == int.class || leaf == Integer.class) {
      return DType.INT32;
    } else if (leaf == long.class || leaf == Long.class) {
      return DType.INT64;
    } else if (leaf == boolean.class || leaf == Boolean.class) {
      return DType.BOOL;
    }
    return leaf == String.class ? DType.STRING : null;
  }

  /**
   * These values as {@code target}, by the rules of {@link #of(Object, String, DType)}: this
   * array itself if it is of that dtype already, else a converted copy. {@code what} names it in
   * errors.
   */
  public HostArray as(DType target, String what) {
    if (target == dtype) {
      return this;
    }
    if (dtype == DType.FLOAT32) {
      return of(toNdArray(), what, target);
    }
    if (target == DType.FLOAT32 && (dtype == DType.BOOL || dtype == DType.STRING)) {
      throw new IllegalArgumentException(what + " holds " + dtype + " values but the model's"
          + " input takes float32: pass numbers, or give the Input dtype " + dtype);
    }
    NdArray<?> values = switch (dtype) {
      case INT32 -> NdArrays.wrap(shape, DataBuffers.of((int[]) typed, true, false));
      case INT64 -> NdArrays.wrap(shape, DataBuffers.of((long[]) typed, true, false));
      case BOOL -> NdArrays.wrap(shape, DataBuffers.of((boolean[]) typed, true, false));
      default -> NdArrays.wrap(shape, DataBuffers.ofObjects((String[]) typed));
    };
    return target == DType.FLOAT32 ? fromNdArray(values, what) : of(values, what, target);
  }

  /**
   * The values {@code values} (a float[], int[], long[], boolean[] or String[] of {@code dtype},
   * row-major, not copied) in {@code shape}, samples first.
   */
  public static HostArray wrap(Object values, DType dtype, Shape shape) {
    if (dtype == DType.FLOAT32) {
      return wrap((float[]) values, shape);
    }
    if (shape.numDimensions() == 0 || shape.size() != Array.getLength(values)) {
      throw new IllegalArgumentException("A host array needs a batch dimension and "
          + shape.size() + " values for shape " + shape + ", got " + Array.getLength(values));
    }
    return new HostArray(null, null, values, dtype, checkSamples(shape, "the array"));
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
    return new HostArray(null, null, typed, dtype, checkSamples(shape, what));
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
      wide = Arrays.stream(flat(nd, new int[n])).asLongStream().toArray();
    } else if (given.isNumeric()) {
      // Floats, doubles, bytes: every value must be a whole number.
      float[] floats = of(nd, what).flat();
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
    if (!(nd instanceof FloatNdArray || nd instanceof ByteNdArray || nd instanceof IntNdArray
        || nd instanceof LongNdArray || nd instanceof DoubleNdArray)) {
      throw new IllegalArgumentException(
          what + " must hold numbers (float, double, int, long or byte), got " + nd.getClass());
    }
    checkSamples(shape, what);
    // A tensor is copied: the caller may close it while a Dataset still holds this array.
    if (!(nd instanceof TType)) {
      return new HostArray(nd, null, null, DType.FLOAT32, shape);
    }
    float[] out = new float[(int) shape.size()];
    toFloats(nd, out);
    return new HostArray(out, shape);
  }

  /**
   * The values of {@code nd} (float, byte as unsigned, int, long or double) as float32, into the
   * start of {@code out}.
   */
  private static void toFloats(NdArray<?> nd, float[] out) {
    int size = (int) nd.size();
    if (nd instanceof FloatNdArray f) {
      f.copyTo(DataBuffers.of(out, false, false));
    } else if (nd instanceof ByteNdArray b) {
      byte[] raw = new byte[size];
      b.copyTo(DataBuffers.of(raw, false, false));
      for (int i = 0; i < size; i++) {
        out[i] = raw[i] & 0xFF;
      }
    } else if (nd instanceof IntNdArray n) {
      int[] raw = new int[size];
      n.copyTo(DataBuffers.of(raw, false, false));
      for (int i = 0; i < size; i++) {
        out[i] = raw[i];
      }
    } else if (nd instanceof LongNdArray n) {
      long[] raw = new long[size];
      n.copyTo(DataBuffers.of(raw, false, false));
      for (int i = 0; i < size; i++) {
        out[i] = raw[i];
      }
    } else {
      double[] raw = new double[size];
      ((DoubleNdArray) nd).copyTo(DataBuffers.of(raw, false, false));
      for (int i = 0; i < size; i++) {
        out[i] = (float) raw[i];
      }
    }
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
    Shape shape = javaShape(data, what);
    if (data instanceof float[] values) {
      return new HostArray(values, shape);
    }
    if (data instanceof float[][] rows) {
      for (float[] row : rows) {
        if (row == null) {
          throw new IllegalArgumentException(what + " contains a null row");
        }
        if (row.length != rows[0].length) {
          throw new IllegalArgumentException(what + " is a ragged array: its rows differ in length");
        }
      }
      return new HostArray(null, rows, null, DType.FLOAT32, checkSamples(shape, what));
    }
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

  /**
   * All the values as float32, in their shape: the user's NdArray itself when it was given one
   * of floats (read it, do not write to it), else a read-only heap array; integers converted.
   *
   * @throws IllegalArgumentException for bool or string values
   */
  public FloatNdArray toNdArray() {
    if (dtype != DType.FLOAT32) {
      return as(DType.FLOAT32, "the array").toNdArray();
    }
    return source instanceof FloatNdArray floats ? floats
        : NdArrays.wrap(shape, DataBuffers.of(flat(), true, false));
  }

  /** The dtype of the values: float32, or the int32, int64, bool or string an input takes. */
  public DType dtype() {
    return dtype;
  }

  private void checkFloat32() {
    if (dtype != DType.FLOAT32) {
      throw new IllegalStateException("This array holds " + dtype + " values, not float32");
    }
  }

  /** A copy of all the values, row-major. */
  private float[] flat() {
    return (float[]) gather(null, 0, samples());
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

  /**
   * Mean and (population) variance of each feature along the last axis, over all samples and
   * other axes: {@code {means, variances}}. Reads one sample at a time, copying no whole array.
   */
  public double[][] featureMoments() {
    checkFloat32();
    int features = (int) shape.get(shape.numDimensions() - 1);
    float[] row = new float[rowSize];
    FloatDataBuffer rowBuffer = DataBuffers.of(row, false, false);
    double[] sum = new double[features];
    for (int s = 0; s < samples(); s++) {
      copyRows(null, s, s + 1, rowBuffer);
      for (int j = 0; j < rowSize; j++) {
        sum[j % features] += row[j];
      }
    }
    long count = (long) samples() * rowSize / features;
    double[] mean = new double[features];
    for (int f = 0; f < features; f++) {
      mean[f] = sum[f] / count;
    }
    double[] sumSquares = new double[features];
    for (int s = 0; s < samples(); s++) {
      copyRows(null, s, s + 1, rowBuffer);
      for (int j = 0; j < rowSize; j++) {
        double d = row[j] - mean[j % features];
        sumSquares[j % features] += d * d;
      }
    }
    double[] variance = new double[features];
    for (int f = 0; f < features; f++) {
      variance[f] = sumSquares[f] / count;
    }
    return new double[][] {mean, variance};
  }

  /**
   * Samples {@code from} (inclusive) to {@code to} (exclusive): a view of float32 values (the
   * split of a validation set copies no samples), a new heap array of other dtypes.
   */
  public HostArray slice(int from, int to) {
    Shape sliced = shape.tail().prepend(to - from);
    if (source != null) {
      return new HostArray(source.slice(Indices.range(from, to)), sliced);
    }
    if (rowArrays != null) {
      return new HostArray(null, Arrays.copyOfRange(rowArrays, from, to), null, dtype, sliced);
    }
    Object out = Array.newInstance(typed.getClass().getComponentType(), (to - from) * rowSize);
    System.arraycopy(typed, from * rowSize, out, 0, Array.getLength(out));
    return new HostArray(null, null, out, dtype, sliced);
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
    return tensor(reusable, gather(order, from, to), dtype, batchShape);
  }

  /**
   * The samples {@code order[from..to)} ({@code order} null: as stored), one after the other,
   * in a new Java array of this array's dtype (float[], int[], long[], boolean[] or String[]).
   */
  public Object gather(int[] order, int from, int to) {
    if (dtype == DType.FLOAT32) {
      float[] out = new float[Math.multiplyExact(to - from, rowSize)];
      copyRows(order, from, to, DataBuffers.of(out, false, false));
      return out;
    }
    Object rows = Array.newInstance(typed.getClass().getComponentType(), (to - from) * rowSize);
    if (order == null) {
      System.arraycopy(typed, from * rowSize, rows, 0, (to - from) * rowSize);
    } else {
      for (int i = from; i < to; i++) {
        System.arraycopy(typed, order[i] * rowSize, rows, (i - from) * rowSize, rowSize);
      }
    }
    return rows;
  }

  /**
   * {@code values} (an int[], long[], boolean[] or String[] of {@code dtype}) in {@code
   * reusable} (of {@code shape} and that dtype; null: a new tensor), reusing its native memory.
   * A string tensor cannot be rewritten: {@code reusable} is closed and a new tensor returned.
   */
  public static TType tensor(TType reusable, Object values, DType dtype, Shape shape) {
    if (dtype == DType.STRING) {
      if (reusable != null) {
        reusable.close();
      }
      return TString.tensorOf(NdArrays.wrap(shape, DataBuffers.ofObjects((String[]) values)));
    }
    TType tensor = reusable != null ? reusable : switch (dtype) {
      case INT32 -> TInt32.tensorOf(shape);
      case INT64 -> TInt64.tensorOf(shape);
      default -> TBool.tensorOf(shape);
    };
    var data = tensor.asRawTensor().data();
    switch (dtype) {
      case INT32 -> data.asInts().write((int[]) values);
      case INT64 -> data.asLongs().write((long[]) values);
      default -> data.asBooleans().write((boolean[]) values);
    }
    return tensor;
  }

  /**
   * Copies the samples {@code order[from..to)} ({@code order} null: as stored) to the start of
   * {@code buffer}, one sample after the other.
   */
  public void copyRows(int[] order, int from, int to, FloatDataBuffer buffer) {
    checkFloat32();
    if (rowArrays != null) {
      for (int i = from; i < to; i++) {
        buffer.offset((long) (i - from) * rowSize)
            .write(rowArrays[order == null ? i : order[i]], 0, rowSize);
      }
    } else if (source instanceof FloatNdArray floats) {
      if (order == null) {
        floats.slice(Indices.range(from, to)).copyTo(buffer);
      } else {
        for (int i = from; i < to; i++) {
          floats.get(order[i]).copyTo(buffer.offset((long) (i - from) * rowSize));
        }
      }
    } else if (order == null) {
      float[] rows = new float[(to - from) * rowSize];
      toFloats(source.slice(Indices.range(from, to)), rows);
      buffer.write(rows);
    } else {
      float[] row = new float[rowSize];
      for (int i = from; i < to; i++) {
        toFloats(source.get(order[i]), row);
        buffer.offset((long) (i - from) * rowSize).write(row);
      }
    }
  }

  /**
   * Copies the samples {@code from} to {@code to}, as stored, to {@code target} (a tensor's
   * native memory, in native byte order), one value after the other in this array's dtype (bool
   * as one byte): the user's rows or heap array straight in, other float32 data converted first;
   * no strings.
   */
  public void write(int from, int to, ByteBuffer target) {
    int at = from * rowSize;
    int count = (to - from) * rowSize;
    switch (dtype) {
      case FLOAT32 -> {
        FloatBuffer floats = target.asFloatBuffer();
        if (rowArrays != null) {
          for (int i = from; i < to; i++) {
            floats.put(rowArrays[i], 0, rowSize);
          }
        } else if (flatValues != null) {
          floats.put(flatValues, at, count);
        } else {
          floats.put((float[]) gather(null, from, to));
        }
      }
      case INT32 -> target.asIntBuffer().put((int[]) typed, at, count);
      case INT64 -> target.asLongBuffer().put((long[]) typed, at, count);
      case BOOL -> {
        boolean[] values = (boolean[]) typed;
        for (int i = 0; i < count; i++) {
          target.put(i, values[at + i] ? (byte) 1 : 0);
        }
      }
      default -> throw new IllegalStateException("No native copy of " + dtype + " values");
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
