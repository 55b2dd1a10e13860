package keras4j.explain;

import java.util.Arrays;
import keras4j.backend.HostArray;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * A batch as one row-major float array and its shape (batch first): explainers build thousands of
 * perturbed rows, and bulk copies of a heap array are what keeps that fast (NdArray slices copy
 * value by value).
 */
final class Flat {
  private final Shape shape;
  private final float[] data;
  private final int rowSize;

  /** The batch of {@code shape} whose values, row-major, are {@code data} (not copied). */
  Flat(Shape shape, float[] data) {
    this.shape = shape;
    this.data = data;
    this.rowSize = Math.toIntExact(shape.subShape(1, shape.numDimensions()).size());
  }

  /** The shape, batch first. */
  Shape shape() {
    return shape;
  }

  /** The values, row-major (not a copy). */
  float[] data() {
    return data;
  }

  /** User data (Java arrays, NdArrays) as a batch; {@code what} names it in error messages. */
  static Flat of(Object value, String what) {
    FloatNdArray array = HostArray.of(value, what).toNdArray();
    if (array.rank() < 2) {
      throw new IllegalArgumentException(what + " must be a batch (samples first, e.g. float[n][f]),"
          + " got shape " + array.shape() + "; wrap a single sample as new float[][] {sample}");
    }
    return of(array);
  }

  /** Labels: a batch of any rank, {@code [n]} included. */
  static Flat labels(Object value) {
    return of(HostArray.of(value, "y").toNdArray());
  }

  /** A copy of {@code array}. */
  static Flat of(FloatNdArray array) {
    float[] data = new float[Math.toIntExact(array.size())];
    array.copyTo(NdArrays.wrap(array.shape(), DataBuffers.of(data, false, false)));
    return new Flat(array.shape(), data);
  }

  /** Zeros of {@code shape}. */
  static Flat zeros(Shape shape) {
    return new Flat(shape, new float[Math.toIntExact(shape.size())]);
  }

  /** The number of samples. */
  int rows() {
    return (int) shape.get(0);
  }

  /** The number of values in one sample. */
  int rowSize() {
    return rowSize;
  }

  /** One sample's shape (without the batch axis). */
  Shape sampleShape() {
    return shape.subShape(1, shape.numDimensions());
  }

  /** The shape of {@code n} samples like these. */
  Shape withRows(long n) {
    long[] dims = shape.asArray();
    dims[0] = n;
    return Shape.of(dims);
  }

  /** Value {@code j} of sample {@code i}. */
  float get(int i, int j) {
    return data[i * rowSize + j];
  }

  /** Samples {@code from} (inclusive) to {@code to} (exclusive), copied. */
  Flat rows(int from, int to) {
    int size = rowSize();
    return new Flat(withRows(to - from), Arrays.copyOfRange(data, from * size, to * size));
  }

  /** The batch as an NdArray sharing this array. */
  FloatNdArray toNdArray() {
    return NdArrays.wrap(shape, DataBuffers.of(data, false, false));
  }
}
