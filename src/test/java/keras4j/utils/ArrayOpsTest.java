package keras4j.utils;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.DoubleNdArray;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.ndarray.index.Indices;

class ArrayOpsTest {

  @Test
  void toCategoricalMakesOneHotRows() {
    FloatNdArray oneHot = ArrayOps.toCategorical(NdArrays.vectorOf(2, 0, 1), 3);
    assertEquals(Shape.of(3, 3), oneHot.shape());
    assertArrayEquals(new float[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}},
        StdArrays.array2dCopyOf(oneHot));
  }

  @Test
  void toCategoricalDropsATrailingDimensionOfOne() {
    IntNdArray column = StdArrays.ndCopyOf(new int[][] {{1}, {0}});
    FloatNdArray oneHot = ArrayOps.toCategorical(column, 2);
    assertEquals(Shape.of(2, 2), oneHot.shape());
    assertArrayEquals(new float[][] {{0, 1}, {1, 0}}, StdArrays.array2dCopyOf(oneHot));
  }

  @Test
  void toCategoricalReadsBytesAsUnsigned() {
    FloatNdArray oneHot = ArrayOps.toCategorical(NdArrays.vectorOf((byte) 200), 256);
    assertEquals(1f, oneHot.getFloat(0, 200));
  }

  @Test
  void toCategoricalNamesTheBadLabelItsIndexAndTheClassCount() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ArrayOps.toCategorical(NdArrays.vectorOf(0, 1, 10), 10));
    assertTrue(e.getMessage().contains("label 10.0 at flat index 2"), e.getMessage());
    assertTrue(e.getMessage().contains("[0, 10)"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ArrayOps.toCategorical(NdArrays.vectorOf(-1), 10));
    assertThrows(IllegalArgumentException.class,
        () -> ArrayOps.toCategorical(NdArrays.vectorOf(0.5), 10));
    assertThrows(IllegalArgumentException.class,
        () -> ArrayOps.toCategorical(NdArrays.vectorOf(0), 0));
  }

  @Test
  void reshapeInfersTheMinusOneDimension() {
    ByteNdArray images = NdArrays.ofBytes(Shape.of(2, 3, 4));
    images.setByte((byte) 7, 1, 2, 3);
    ByteNdArray flat = ArrayOps.reshape(images, -1, 12);
    assertEquals(Shape.of(2, 12), flat.shape());
    assertEquals(7, flat.getByte(1, 11));
    assertEquals(Shape.of(24), ArrayOps.reshape(images, -1).shape());
  }

  @Test
  void reshapeCopiesASliceCorrectly() {
    // NdArray.withShape reads rows 0..1 here instead of 1..2: reshape must not rely on it.
    FloatNdArray matrix = StdArrays.ndCopyOf(new float[][] {{0, 1}, {2, 3}, {4, 5}});
    FloatNdArray lastRows = ArrayOps.reshape(matrix.slice(Indices.range(1, 3)), 4);
    assertArrayEquals(new float[] {2, 3, 4, 5}, StdArrays.array1dCopyOf(lastRows));
    FloatNdArray firstColumn = ArrayOps.reshape(matrix.slice(Indices.all(), Indices.at(0)), 3);
    assertArrayEquals(new float[] {0, 2, 4}, StdArrays.array1dCopyOf(firstColumn));
  }

  @Test
  void reshapeKeepsTheElementType() {
    IntNdArray ints = ArrayOps.reshape(NdArrays.vectorOf(1, 2, 3, 4), 2, 2);
    assertArrayEquals(new int[][] {{1, 2}, {3, 4}}, StdArrays.array2dCopyOf(ints));
    DoubleNdArray doubles = ArrayOps.reshape(NdArrays.vectorOf(1.0, 2.0), 2, 1);
    assertEquals(2.0, doubles.getDouble(1, 0));
  }

  @Test
  void reshapeNamesBothShapesWhenSizesDiffer() {
    FloatNdArray array = NdArrays.ofFloats(Shape.of(2, 3));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ArrayOps.reshape(array, 4, 2));
    assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 2]"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ArrayOps.reshape(array, -1, 4));
    assertThrows(IllegalArgumentException.class, () -> ArrayOps.reshape(array, -1, -1));
  }

  @Test
  void divideReadsBytesAsUnsigned() {
    ByteNdArray pixels = NdArrays.vectorOf((byte) 0, (byte) 128, (byte) 255);
    assertArrayEquals(new float[] {0f, 128 / 255f, 1f},
        StdArrays.array1dCopyOf(ArrayOps.divide(pixels, 255.0)));
  }

  @Test
  void divideAndToFloatKeepTheShape() {
    IntNdArray ints = StdArrays.ndCopyOf(new int[][] {{2, 4}, {6, 8}});
    assertArrayEquals(new float[][] {{1, 2}, {3, 4}},
        StdArrays.array2dCopyOf(ArrayOps.divide(ints, 2)));
    assertArrayEquals(new float[][] {{2, 4}, {6, 8}},
        StdArrays.array2dCopyOf(ArrayOps.toFloat(ints)));
    assertArrayEquals(new float[] {1.5f, -2f},
        StdArrays.array1dCopyOf(ArrayOps.toFloat(NdArrays.vectorOf(1.5, -2.0))));
    assertArrayEquals(new float[] {3f},
        StdArrays.array1dCopyOf(ArrayOps.toFloat(NdArrays.vectorOf(3L))));
  }
}
