package keras4j.utils;

import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.function.LongFunction;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.DoubleNdArray;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffer;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Array helpers that turn the usual NumPy data-preparation lines into one line each, e.g.
 *
 * <pre>{@code
 * FloatNdArray x = ArrayOps.divide(ArrayOps.reshape(data.xTrain(), -1, 784), 255.0);
 * FloatNdArray y = ArrayOps.toCategorical(data.yTrain(), 10);
 * }</pre>
 *
 * <p>Byte arrays are read as <em>unsigned</em> (0..255), as NumPy's uint8 image data is. Results
 * are new arrays: the inputs are never changed.
 */
public final class ArrayOps {

  private ArrayOps() {}

  /**
   * {@link #toCategorical(NdArray, int)} for labels in a Java array.
   *
   * @param y the labels, integers in [0, numClasses)
   * @param numClasses the number of classes
   * @return the one-hot float32 array, of shape (y.length, numClasses)
   */
  public static FloatNdArray toCategorical(int[] y, int numClasses) {
    return toCategorical(org.tensorflow.ndarray.StdArrays.ndCopyOf(y), numClasses);
  }

  /**
   * Converts class labels to one-hot rows, as Keras's {@code to_categorical}: label {@code k}
   * becomes a row of {@code numClasses} zeros with a one at {@code k}. A trailing dimension of size
   * 1 is dropped first, as Keras does, so labels of shape (n) or (n, 1) give shape (n,
   * numClasses).
   *
   * @param y the labels, integers in [0, numClasses); bytes are read as unsigned
   * @param numClasses the number of classes
   * @return the one-hot float32 array, of shape {@code y}'s shape plus {@code numClasses}
   * @throws IllegalArgumentException when a label is not an integer in [0, numClasses), or {@code
   *     numClasses} is not positive
   */
  public static FloatNdArray toCategorical(NdArray<? extends Number> y, int numClasses) {
    if (numClasses <= 0) {
      throw new IllegalArgumentException("numClasses must be positive, got " + numClasses);
    }
    Shape labelShape = y.shape();
    int rank = labelShape.numDimensions();
    if (rank > 1 && labelShape.get(rank - 1) == 1) {
      labelShape = labelShape.take(rank - 1);
    }
    float[] labels = floatValues(y);
    float[] oneHot = new float[Math.multiplyExact(labels.length, numClasses)];
    for (int i = 0; i < labels.length; i++) {
      int label = (int) labels[i];
      if (label != labels[i] || label < 0 || label >= numClasses) {
        throw new IllegalArgumentException("label " + labels[i] + " at flat index " + i
            + " is not a class in [0, " + numClasses + ")");
      }
      oneHot[i * numClasses + label] = 1;
    }
    return NdArrays.wrap(labelShape.append(numClasses), DataBuffers.of(oneHot, false, false));
  }

  /**
   * Returns a copy of {@code array} with another shape, the same values in the same (row-major)
   * order, as NumPy's {@code reshape}. One dimension may be -1: it is inferred from the size.
   *
   * @param array the array
   * @param shape the new dimensions
   * @return the reshaped copy
   * @throws IllegalArgumentException when the new shape does not hold as many values
   */
  public static ByteNdArray reshape(ByteNdArray array, long... shape) {
    return copyReshaped(array, shape, DataBuffers::ofBytes, NdArrays::wrap);
  }

  /**
   * Returns a copy of {@code array} with another shape, the same values in the same (row-major)
   * order, as NumPy's {@code reshape}. One dimension may be -1: it is inferred from the size.
   *
   * @param array the array
   * @param shape the new dimensions
   * @return the reshaped copy
   * @throws IllegalArgumentException when the new shape does not hold as many values
   */
  public static IntNdArray reshape(IntNdArray array, long... shape) {
    return copyReshaped(array, shape, DataBuffers::ofInts, NdArrays::wrap);
  }

  /**
   * Returns a copy of {@code array} with another shape, the same values in the same (row-major)
   * order, as NumPy's {@code reshape}. One dimension may be -1: it is inferred from the size.
   *
   * @param array the array
   * @param shape the new dimensions
   * @return the reshaped copy
   * @throws IllegalArgumentException when the new shape does not hold as many values
   */
  public static FloatNdArray reshape(FloatNdArray array, long... shape) {
    return copyReshaped(array, shape, DataBuffers::ofFloats, NdArrays::wrap);
  }

  /**
   * Returns a copy of {@code array} with another shape, the same values in the same (row-major)
   * order, as NumPy's {@code reshape}. One dimension may be -1: it is inferred from the size.
   *
   * @param array the array
   * @param shape the new dimensions
   * @return the reshaped copy
   * @throws IllegalArgumentException when the new shape does not hold as many values
   */
  public static DoubleNdArray reshape(DoubleNdArray array, long... shape) {
    return copyReshaped(array, shape, DataBuffers::ofDoubles, NdArrays::wrap);
  }

  /**
   * Divides every value by {@code divisor}, in double precision, giving float32 as Keras code's
   * {@code (x / 255.0).astype("float32")} does: bytes are unsigned, so dividing MNIST images by
   * 255 gives values in [0, 1].
   *
   * @param array the values
   * @param divisor what to divide by; 0 gives infinities and NaNs, as in NumPy
   * @return the quotients, same shape
   */
  public static FloatNdArray divide(NdArray<? extends Number> array, double divisor) {
    float[] values = floatValues(array);
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (values[i] / divisor);
    }
    return NdArrays.wrap(array.shape(), DataBuffers.of(values, false, false));
  }

  /**
   * Converts an array of numbers to float32, as NumPy's {@code astype("float32")}; bytes are read
   * as unsigned.
   *
   * @param array the values
   * @return the values as floats, same shape
   */
  public static FloatNdArray toFloat(NdArray<? extends Number> array) {
    return NdArrays.wrap(array.shape(), DataBuffers.of(floatValues(array), false, false));
  }

  // Copies through a buffer: NdArray.withShape of TF Java 1.0.0 would be a view without a copy,
  // but it reads the wrong values when the array is a slice.
  private static <T, B extends DataBuffer<T>, A extends NdArray<T>> A copyReshaped(
      NdArray<T> array, long[] dims, LongFunction<B> allocate, BiFunction<Shape, B, A> wrap) {
    Shape shape = resolve(array.shape(), dims);
    B buffer = allocate.apply(shape.size());
    array.copyTo(buffer);
    return wrap.apply(shape, buffer);
  }

  // Replaces a -1 dimension by what makes the sizes agree, and checks that they do.
  private static Shape resolve(Shape from, long[] dims) {
    long known = 1;
    int inferred = -1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] == -1 && inferred == -1) {
        inferred = i;
      } else if (dims[i] < 0) {
        throw new IllegalArgumentException("Cannot reshape to " + Arrays.toString(dims)
            + ": only one dimension may be -1, and none other negative");
      } else {
        known *= dims[i];
      }
    }
    long[] resolved = dims.clone();
    if (inferred >= 0 && known != 0) {
      resolved[inferred] = from.size() / known;
    }
    Shape to = Shape.of(resolved);
    if (to.hasUnknownDimension() || to.size() != from.size()) {
      throw new IllegalArgumentException("Cannot reshape an array of shape " + from + " ("
          + from.size() + " values) into shape " + Arrays.toString(dims));
    }
    return to;
  }

  // All values in row-major order, read in bulk from the buffer for the common types, because
  // element-wise access is far slower on MNIST's 47 million values.
  private static float[] floatValues(NdArray<? extends Number> array) {
    int size = Math.toIntExact(array.size());
    float[] values = new float[size];
    if (array instanceof FloatNdArray floats) {
      floats.copyTo(DataBuffers.of(values, false, false));
    } else if (array instanceof ByteNdArray bytes) {
      byte[] raw = new byte[size];
      bytes.copyTo(DataBuffers.of(raw, false, false));
      for (int i = 0; i < size; i++) {
        values[i] = Byte.toUnsignedInt(raw[i]);
      }
    } else if (array instanceof IntNdArray ints) {
      int[] raw = new int[size];
      ints.copyTo(DataBuffers.of(raw, false, false));
      for (int i = 0; i < size; i++) {
        values[i] = raw[i];
      }
    } else if (array instanceof DoubleNdArray doubles) {
      double[] raw = new double[size];
      doubles.copyTo(DataBuffers.of(raw, false, false));
      for (int i = 0; i < size; i++) {
        values[i] = (float) raw[i];
      }
    } else {
      // Other types (long, short) are rare in data preparation: element by element.
      int i = 0;
      for (NdArray<? extends Number> scalar : array.scalars()) {
        values[i++] = scalar.getObject().floatValue();
      }
    }
    return values;
  }
}
