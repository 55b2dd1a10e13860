package keras4j.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.junit.jupiter.api.Test;

/** Batches copied in the shuffled order into native tensors reused from step to step. */
class BatchFeederTest {
  private static float[] values(TFloat32 tensor) {
    float[] out = new float[(int) tensor.size()];
    tensor.asRawTensor().data().asFloats().read(out);
    return out;
  }

  @Test
  void copiesRowsInOrderAndReusesTensorsOfTheSameSize() {
    HostArray x = HostArray.of(new float[][] {{0, 1}, {2, 3}, {4, 5}}, "x");
    HostArray y = HostArray.of(new int[] {7, 8, 9}, "y");
    int[] order = {2, 0, 1};
    try (BatchFeeder feeder = new BatchFeeder(x, y)) {
      assertEquals(3, feeder.samples());
      TFloat32[] first = feeder.rows(order, 0, 2);
      assertEquals(Shape.of(2, 2), first[0].shape());
      assertArrayEquals(new float[] {4, 5, 0, 1}, values(first[0]));
      // Labels of rank 1 are fed as a column, as Keras does.
      assertEquals(Shape.of(2, 1), first[1].shape());
      assertArrayEquals(new float[] {9, 7}, values(first[1]));

      TFloat32[] second = feeder.rows(order, 1, 3);
      assertSame(first[0], second[0]);
      assertArrayEquals(new float[] {0, 1, 2, 3}, values(second[0]));
      assertArrayEquals(new float[] {7, 8}, values(second[1]));

      TFloat32[] last = feeder.rows(null, 2, 3);
      assertNotSame(first[0], last[0]);
      assertArrayEquals(new float[] {4, 5}, values(last[0]));
      assertArrayEquals(new float[] {9}, values(last[1]));
    }
  }
}
