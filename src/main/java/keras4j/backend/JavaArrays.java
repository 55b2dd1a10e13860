package keras4j.backend;

import java.lang.reflect.Array;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Java arrays of any rank as heap NdArrays of their own element type, as {@code np.asarray} keeps
 * a NumPy array's dtype: {@code float[][]} float32, {@code double[]} float64, {@code int[]}
 * int32, {@code long[]} int64, {@code boolean[]} bool, {@code byte[]} uint8, {@code String[]}
 * string. Numbers and booleans are scalars.
 */
public final class JavaArrays {
  private JavaArrays() {}

  /** {@code data} as an NdArray (an NdArray is returned as is); {@code what} names it. */
  public static NdArray<?> toNdArray(Object data, String what) {
    if (data == null) {
      throw new IllegalArgumentException(what + " is null");
    }
    if (data instanceof NdArray<?> nd) {
      return nd;
    }
    if (data instanceof Float f) {
      return NdArrays.scalarOf(f);
    }
    if (data instanceof Double d) {
      return NdArrays.scalarOf(d);
    }
    if (data instanceof Integer i) {
      return NdArrays.scalarOf(i);
    }
    if (data instanceof Long l) {
      return NdArrays.scalarOf(l);
    }
    if (data instanceof Boolean b) {
      return NdArrays.scalarOf(b);
    }
    if (data instanceof String s) {
      return NdArrays.scalarOfObject(s);
    }
    if (!data.getClass().isArray()) {
      throw new IllegalArgumentException(what + " must be a tensor, a number, a Java array"
          + " (float[][], int[], boolean[], String[], ...) or an NdArray, got "
          + data.getClass().getName());
    }
    int rank = 0;
    long[] dims = new long[16];
    Class<?> type = data.getClass();
    Object level = data;
    while (type.isArray()) {
      if (rank == dims.length) {
        throw new IllegalArgumentException(what + " has more than 16 dimensions");
      }
      int length = level == null ? 0 : Array.getLength(level);
      dims[rank++] = length;
      level = length > 0 && type.getComponentType().isArray() ? Array.get(level, 0) : null;
      type = type.getComponentType();
    }
    long[] exact = new long[rank];
    System.arraycopy(dims, 0, exact, 0, rank);
    Shape shape = Shape.of(exact);
    Object flat = Array.newInstance(type, Math.toIntExact(shape.size()));
    if (fill(data, flat, 0, what) != Array.getLength(flat)) {
      throw new IllegalArgumentException(what + " is a ragged array: its rows differ in length");
    }
    return wrap(flat, shape, what);
  }

  private static int fill(Object data, Object flat, int at, String what) {
    if (data == null) {
      throw new IllegalArgumentException(what + " contains a null row");
    }
    if (!data.getClass().getComponentType().isArray()) {
      int length = Array.getLength(data);
      if (at + length > Array.getLength(flat)) {
        throw new IllegalArgumentException(what + " is a ragged array: its rows differ in length");
      }
      System.arraycopy(data, 0, flat, at, length);
      return at + length;
    }
    for (Object row : (Object[]) data) {
      at = fill(row, flat, at, what);
    }
    return at;
  }

  private static NdArray<?> wrap(Object flat, Shape shape, String what) {
    if (flat instanceof float[] a) {
      return NdArrays.wrap(shape, DataBuffers.of(a, false, false));
    }
    if (flat instanceof double[] a) {
      return NdArrays.wrap(shape, DataBuffers.of(a, false, false));
    }
    if (flat instanceof int[] a) {
      return NdArrays.wrap(shape, DataBuffers.of(a, false, false));
    }
    if (flat instanceof long[] a) {
      return NdArrays.wrap(shape, DataBuffers.of(a, false, false));
    }
    if (flat instanceof boolean[] a) {
      return NdArrays.wrap(shape, DataBuffers.of(a, false, false));
    }
    if (flat instanceof byte[] a) {
      return NdArrays.wrap(shape, DataBuffers.of(a, false, false));
    }
    if (flat instanceof String[] a) {
      return NdArrays.wrap(shape, DataBuffers.ofObjects(a));
    }
    throw new IllegalArgumentException(what + " must hold float, double, int, long, boolean, byte"
        + " or String values, got " + flat.getClass().getComponentType().getName());
  }
}
