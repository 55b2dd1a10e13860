package keras4j.utils;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import keras4j.Keras;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;

/**
 * {@code padSequences} against {@code keras.utils.pad_sequences}'s outputs (Keras 3.15.1, for
 * the sequences {@code [[1], [2, 3], [4, 5, 6, 7, 8], []]} with each argument set), and its
 * refusals of bad arguments.
 */
class SequencesTest {
  private static final int[][] SEQUENCES = {{1}, {2, 3}, {4, 5, 6, 7, 8}, {}};

  private static int[][] pad(Integer maxlen, String padding, String truncating, int value) {
    return StdArrays.array2dCopyOf(
        Keras.padSequences(SEQUENCES, maxlen, padding, truncating, value));
  }

  @Test
  void defaultsPrePadWithZerosToTheLongest() {
    IntNdArray out = Keras.padSequences(SEQUENCES);
    assertEquals(Shape.of(4, 5), out.shape());
    assertArrayEquals(new int[][] {{0, 0, 0, 0, 1}, {0, 0, 0, 2, 3}, {4, 5, 6, 7, 8},
        {0, 0, 0, 0, 0}}, StdArrays.array2dCopyOf(out));
  }

  @Test
  void maxlenPaddingTruncatingAndValueAsKeras() {
    assertArrayEquals(new int[][] {{0, 0, 1}, {0, 2, 3}, {6, 7, 8}, {0, 0, 0}},
        pad(3, "pre", "pre", 0));
    assertArrayEquals(new int[][] {{1, 0, 0}, {2, 3, 0}, {6, 7, 8}, {0, 0, 0}},
        pad(3, "post", "pre", 0));
    assertArrayEquals(new int[][] {{0, 0, 1}, {0, 2, 3}, {4, 5, 6}, {0, 0, 0}},
        pad(3, "pre", "post", 0));
    assertArrayEquals(new int[][] {{1, -1, -1, -1}, {2, 3, -1, -1}, {4, 5, 6, 7},
        {-1, -1, -1, -1}}, pad(4, "post", "post", -1));
    assertArrayEquals(new int[][] {{9, 9, 9, 9, 9, 1}, {9, 9, 9, 9, 2, 3}, {9, 4, 5, 6, 7, 8},
        {9, 9, 9, 9, 9, 9}}, pad(6, "pre", "pre", 9));
  }

  @Test
  void floatSequencesAsKerasFloat32() {
    FloatNdArray out = Keras.padSequences(new float[][] {{0.5f, 1.5f}, {2.25f}}, 3, "post", "pre",
        -0.5f);
    assertArrayEquals(new float[][] {{0.5f, 1.5f, -0.5f}, {2.25f, -0.5f, -0.5f}},
        StdArrays.array2dCopyOf(out));
  }

  @Test
  void noSequencesGiveNoRows() {
    assertEquals(Shape.of(0, 0), Keras.padSequences(new int[0][]).shape());
    assertEquals(Shape.of(0, 7), Keras.padSequences(new int[0][], 7, "pre", "pre", 0).shape());
  }

  @Test
  void badArgumentsAreRefusedClearly() {
    assertMessage("padding must be \"pre\" or \"post\", got 'left'",
        () -> pad(3, "left", "pre", 0));
    assertMessage("truncating must be \"pre\" or \"post\", got 'null'",
        () -> pad(3, "pre", null, 0));
    assertMessage("maxlen must be positive, got 0", () -> pad(0, "pre", "pre", 0));
    assertMessage("sequence 1 is null", () -> Keras.padSequences(new int[][] {{1}, null}));
    assertMessage("sequences is null", () -> Keras.padSequences((int[][]) null));
  }

  private static void assertMessage(String part, Runnable action) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
