package keras4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.Platform;
import org.tensorflow.ndarray.Shape;

/**
 * One model input fed from one DataFrame column: the column's name, position and type, and the
 * input's shape without the batch axis, whose element count every row must have.
 */
final class ModelInput implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The column types a model input can come from. */
  enum Kind { FLOAT_ARRAY, DOUBLE_ARRAY, VECTOR }

  /** The fields of VectorUDT's struct. */
  private static final int VECTOR_FIELDS = 4;

  private final String column;
  private final int index;
  private final Kind kind;
  private final long[] dims;
  private final int width;

  private ModelInput(String column, int index, Kind kind, long[] dims) {
    this.column = column;
    this.index = index;
    this.kind = kind;
    this.dims = dims.clone();
    this.width = Math.toIntExact(Arrays.stream(dims).reduce(1, (a, b) -> a * b));
  }

  /**
   * The input of shape {@code inputShape} (batch first) fed from column {@code column} of
   * {@code type} at {@code index}.
   *
   * @throws IllegalArgumentException if the column's type or the shape cannot feed the model
   */
  static ModelInput of(String column, int index, DataType type, Shape inputShape) {
    long[] dims = Arrays.copyOfRange(inputShape.asArray(), 1, inputShape.numDimensions());
    if (Arrays.stream(dims).anyMatch(d -> d < 0)) {
      throw new IllegalArgumentException("the model input fed from column '" + column
          + "' has shape " + describe(inputShape) + ", of unknown size past the batch axis;"
          + " rows of a DataFrame need a model whose input shape is fixed");
    }
    return new ModelInput(column, index, kindOf(column, type), dims);
  }

  private static Kind kindOf(String column, DataType type) {
    if (type instanceof VectorUDT) {
      return Kind.VECTOR;
    }
    if (type instanceof ArrayType array) {
      if (array.elementType().equals(DataTypes.FloatType)) {
        return Kind.FLOAT_ARRAY;
      }
      if (array.elementType().equals(DataTypes.DoubleType)) {
        return Kind.DOUBLE_ARRAY;
      }
    }
    throw new IllegalArgumentException("column '" + column + "' is " + type.simpleString()
        + "; a model input needs array<float>, array<double> or an ML vector"
        + " (VectorAssembler makes one from numeric columns)");
  }

  /** Values per row: the product of the input's dimensions past the batch axis. */
  int width() {
    return width;
  }

  /** The shape of {@code n} rows of this input. */
  Shape batchShape(int n) {
    long[] shape = new long[dims.length + 1];
    shape[0] = n;
    System.arraycopy(dims, 0, shape, 1, dims.length);
    return Shape.of(shape);
  }

  /**
   * Copies this input's values in {@code row}, flattened row-major, into {@code into} from
   * {@code offset}.
   *
   * @throws IllegalArgumentException naming the column and the expected shape, if the value is
   *     null, holds a null or has the wrong number of values
   */
  void read(InternalRow row, float[] into, int offset) {
    if (row.isNullAt(index)) {
      throw invalid("is null");
    }
    int count = kind == Kind.VECTOR
        ? readVector(row.getStruct(index, VECTOR_FIELDS), into, offset)
        : readArray(row.getArray(index), into, offset);
    if (count != width) {
      throw invalid("has " + count + " values");
    }
  }

  /** Reads an array of floats or doubles if it has {@code width} values; returns its count. */
  private int readArray(ArrayData array, float[] into, int offset) {
    int count = array.numElements();
    if (count == width && kind == Kind.FLOAT_ARRAY && array instanceof UnsafeArrayData unsafe
        && !hasNulls(unsafe)) {
      // A cached or computed column's floats: copied in one go, past the array's header.
      Platform.copyMemory(unsafe.getBaseObject(),
          unsafe.getBaseOffset() + UnsafeArrayData.calculateHeaderPortionInBytes(count), into,
          Platform.FLOAT_ARRAY_OFFSET + (long) offset * Float.BYTES, (long) count * Float.BYTES);
    } else if (count == width) {
      for (int i = 0; i < width; i++) {
        if (array.isNullAt(i)) {
          throw invalid("holds a null at position " + i);
        }
        into[offset + i] =
            kind == Kind.FLOAT_ARRAY ? array.getFloat(i) : (float) array.getDouble(i);
      }
    }
    return count;
  }

  /**
   * Whether any element is null, read from the header's null bits (UnsafeArrayData's layout: the
   * element count, then one null bit per element in whole words, then the values).
   */
  private static boolean hasNulls(UnsafeArrayData array) {
    long header = UnsafeArrayData.calculateHeaderPortionInBytes(array.numElements());
    for (long word = Long.BYTES; word < header; word += Long.BYTES) {
      if (Platform.getLong(array.getBaseObject(), array.getBaseOffset() + word) != 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads VectorUDT's struct (type: 0 sparse, 1 dense; size; indices; values) if the vector has
   * {@code width} values; returns its size.
   */
  private int readVector(InternalRow vector, float[] into, int offset) {
    ArrayData values = vector.getArray(3);
    if (vector.getByte(0) == 1) {
      int count = values.numElements();
      if (count == width) {
        for (int i = 0; i < width; i++) {
          into[offset + i] = (float) values.getDouble(i);
        }
      }
      return count;
    }
    int size = vector.getInt(1);
    if (size == width) {
      Arrays.fill(into, offset, offset + width, 0f);
      ArrayData indices = vector.getArray(2);
      for (int k = 0; k < indices.numElements(); k++) {
        into[offset + indices.getInt(k)] = (float) values.getDouble(k);
      }
    }
    return size;
  }

  private IllegalArgumentException invalid(String problem) {
    return new IllegalArgumentException("column '" + column + "' " + problem + " in a row; the"
        + " model expects " + width + " values per row (input shape " + describe(batchShape(-1))
        + ")");
  }

  /** A shape as Keras prints it: {@code (None, 28, 28)}. */
  private static String describe(Shape shape) {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < shape.numDimensions(); i++) {
      long d = shape.get(i);
      text.append(i > 0 ? ", " : "").append(d < 0 ? "None" : Long.toString(d));
    }
    return text.append(shape.numDimensions() == 1 ? ",)" : ")").toString();
  }
}
