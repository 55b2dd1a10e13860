package keras4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/** The reader of one model input from Spark's internal rows, as scoring and training use it. */
class ModelInputTest {
  private static final DataType FLOATS = DataTypes.createArrayType(DataTypes.FloatType);
  private static final DataType DOUBLES = DataTypes.createArrayType(DataTypes.DoubleType);
  private static final VectorUDT VECTOR = new VectorUDT();
  /** An input of shape (None, 2, 2): 4 values a row. */
  private static final Shape SHAPE = Shape.of(-1, 2, 2);

  /** A row (id, value): the input's column is the second. */
  private static InternalRow row(Object value) {
    return new GenericInternalRow(new Object[] {7, value});
  }

  private static InternalRow vector(Vector vector) {
    return row(VECTOR.serialize(vector));
  }

  /** Reads {@code row} into positions 2-5 of a buffer of 8 holding -1s; returns the buffer. */
  private static float[] read(DataType type, InternalRow row) {
    float[] buffer = new float[8];
    Arrays.fill(buffer, -1f);
    ModelInput.of("x", 1, type, SHAPE).read(row, buffer, 2);
    return buffer;
  }

  private static String problem(DataType type, InternalRow row) {
    return assertThrows(IllegalArgumentException.class, () -> read(type, row)).getMessage();
  }

  @Test
  void readsArraysAndVectorsIntoTheBatchAtTheRowsOffset() {
    float[] expected = {-1f, -1f, 1.5f, -2f, 0.25f, 3f, -1f, -1f};
    assertArrayEquals(expected, read(FLOATS,
        row(UnsafeArrayData.fromPrimitiveArray(new float[] {1.5f, -2f, 0.25f, 3f}))), 0f);
    assertArrayEquals(expected, read(FLOATS,
        row(new GenericArrayData(new Object[] {1.5f, -2f, 0.25f, 3f}))), 0f);
    assertArrayEquals(expected, read(DOUBLES,
        row(UnsafeArrayData.fromPrimitiveArray(new double[] {1.5, -2, 0.25, 3}))), 0f);
    assertArrayEquals(expected, read(VECTOR, vector(Vectors.dense(1.5, -2, 0.25, 3))), 0f);
    // A sparse vector's absent values are zeros, whatever the buffer held there.
    assertArrayEquals(new float[] {-1f, -1f, 0f, 4.5f, 0f, -3f, -1f, -1f},
        read(VECTOR, vector(Vectors.sparse(4, new int[] {1, 3}, new double[] {4.5, -3}))), 0f);
    // Doubles are rounded to the nearest float, as (float) does.
    assertArrayEquals(new float[] {(float) 0.1, (float) (1 / 3.0), 1e-30f, 0f},
        Arrays.copyOfRange(read(DOUBLES, row(UnsafeArrayData.fromPrimitiveArray(
            new double[] {0.1, 1 / 3.0, 1e-30, 0}))), 2, 6), 0f);
  }

  @Test
  void invalidValuesAreRefusedNamingTheColumnAndTheShape() {
    String expects = " in a row; the model expects 4 values per row (input shape (None, 2, 2))";
    assertEquals("column 'x' is null" + expects, problem(FLOATS, row(null)));
    assertEquals("column 'x' is null" + expects, problem(VECTOR, row(null)));
    assertEquals("column 'x' has 3 values" + expects,
        problem(FLOATS, row(UnsafeArrayData.fromPrimitiveArray(new float[] {1f, 2f, 3f}))));
    assertEquals("column 'x' has 5 values" + expects,
        problem(DOUBLES, row(UnsafeArrayData.fromPrimitiveArray(new double[] {1, 2, 3, 4, 5}))));
    assertEquals("column 'x' has 2 values" + expects, problem(VECTOR, vector(Vectors.dense(1, 2))));
    assertEquals("column 'x' has 9 values" + expects,
        problem(VECTOR, vector(Vectors.sparse(9, new int[] {0}, new double[] {1}))));
    assertEquals("column 'x' holds a null at position 2" + expects,
        problem(FLOATS, row(new GenericArrayData(new Object[] {1f, 2f, null, 4f}))));
    UnsafeArrayData withNull = UnsafeArrayData.fromPrimitiveArray(new float[] {1f, 2f, 3f, 4f});
    withNull.setNullAt(3);
    assertEquals("column 'x' holds a null at position 3" + expects, problem(FLOATS, row(withNull)));
    assertEquals("column 'x' holds a null at position 0" + expects,
        problem(DOUBLES, row(new GenericArrayData(new Object[] {null, 2.0, 3.0, 4.0}))));
  }
}
