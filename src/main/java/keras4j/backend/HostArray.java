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
import org.tensorflow.types.TFloat32;

/**
 * Training data on the heap as one float32 block, whatever the user passed: Java arrays of any
 * rank ({@code float[][]}, {@code double[][]}, {@code int[]}, {@code byte[][][]}, ...) or TF Java
 * NdArrays. Bytes are read as unsigned (uint8 images), as Keras data sets store them.
 */
public final class HostArray {
  private final float[] values;
  private final Shape shape;
  private final int rowSize;

  private HostArray(float[] values, Shape shape) {
    this.values = values;
    this.shape = shape;
    this.rowSize = (int) (shape.numDimensions() <= 1 ? 1 : shape.size() / shape.get(0));
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
    return wrap(values, newShape);
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

  /** All the values, in their shape, as a read-only heap array. */
  public FloatNdArray toNdArray() {
    return NdArrays.wrap(shape, DataBuffers.of(values, true, false));
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
    for (float v : values) {
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
    float[] out = new float[(to - from) * rowSize];
    System.arraycopy(values, from * rowSize, out, 0, out.length);
    return new HostArray(out, shape.tail().prepend(to - from));
  }

  /**
   * A tensor of the samples {@code order[from..to)} ({@code order} null: as stored); the caller
   * closes it.
   */
  public TFloat32 batch(int[] order, int from, int to) {
    TFloat32 tensor = TFloat32.tensorOf(batchShape(to - from));
    copyRows(order, from, to, tensor);
    return tensor;
  }

  /**
   * Copies the samples {@code order[from..to)} ({@code order} null: as stored) into {@code
   * tensor}, of shape {@link #batchShape(int) batchShape(to - from)}, reusing its native memory.
   */
  public void copyRows(int[] order, int from, int to, TFloat32 tensor) {
    copyRows(order, from, to, tensor.asRawTensor().data().asFloats());
  }

  /**
   * Copies the samples {@code order[from..to)} ({@code order} null: as stored) to the start of
   * {@code buffer}, one sample after the other.
   */
  public void copyRows(int[] order, int from, int to, FloatDataBuffer buffer) {
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
