package keras4j.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.family.TType;
import org.junit.jupiter.api.Test;

/** Batches copied in the shuffled order into native tensors reused from step to step. */
class BatchFeederTest {
  private static final HostArray X = HostArray.of(new float[][] {{0, 1}, {2, 3}, {4, 5}}, "x");
  private static final HostArray Y = HostArray.of(new int[] {7, 8, 9}, "y");

  private static float[] values(TType tensor) {
    float[] out = new float[(int) tensor.size()];
    tensor.asRawTensor().data().asFloats().read(out);
    return out;
  }

  @Test
  void copiesRowsInOrderAndReusesTensorsOfTheSameSize() {
    int[] order = {2, 0, 1};
    try (BatchFeeder feeder = new BatchFeeder(X, Y)) {
      assertEquals(3, feeder.samples());
      TType[] first = feeder.rows(order, 0, 2);
      assertEquals(Shape.of(2, 2), first[0].shape());
      assertArrayEquals(new float[] {4, 5, 0, 1}, values(first[0]));
      // Labels of rank 1 are fed as a column, as Keras does.
      assertEquals(Shape.of(2, 1), first[1].shape());
      assertArrayEquals(new float[] {9, 7}, values(first[1]));

      TType[] second = feeder.rows(order, 1, 3);
      assertNotSame(first[0], second[0]); // the first may still be read by TensorFlow
      assertArrayEquals(new float[] {0, 1, 2, 3}, values(second[0]));
      assertArrayEquals(new float[] {7, 8}, values(second[1]));
      TType[] third = feeder.rows(order, 0, 2);
      assertSame(first[0], third[0]);

      TType[] last = feeder.rows(null, 2, 3);
      assertEquals(Shape.of(1, 2), last[0].shape());
      assertArrayEquals(new float[] {4, 5}, values(last[0]));
      assertArrayEquals(new float[] {9}, values(last[1]));
    }
  }

  @Test
  void prefetchedBatchesAreTheOnesAskedFor() {
    int[] order = {1, 2, 0};
    try (BatchFeeder feeder = new BatchFeeder(X, Y)) {
      feeder.prefetch(order, 0, 2);
      TType[] hit = feeder.rows(order, 0, 2);
      assertArrayEquals(new float[] {2, 3, 4, 5}, values(hit[0]));
      assertArrayEquals(new float[] {8, 9}, values(hit[1]));
      // A different batch than the one prefetched is copied on the spot.
      feeder.prefetch(order, 1, 3);
      TType[] miss = feeder.rows(null, 1, 3);
      assertArrayEquals(new float[] {2, 3, 4, 5}, values(miss[0]));
      assertArrayEquals(new float[] {8, 9}, values(miss[1]));
      feeder.prefetch(order, 0, 2); // close() waits for it
    }
  }
}
