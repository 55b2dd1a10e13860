package keras4j.utils;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;

/**
 * Keras's {@code keras.utils.pad_sequences}: sequences of different lengths as one array of
 * shape {@code (sequences, maxlen)}, e.g. token ids for an {@code Embedding}:
 *
 * <pre>{@code
 * IntNdArray x = Sequences.padSequences(new int[][] {{1}, {2, 3}, {4, 5, 6}});
 * // [[0, 0, 1], [0, 2, 3], [4, 5, 6]]
 * }</pre>
 *
 * <p>As in Keras, {@code maxlen} defaults to the longest sequence's length, {@code padding} and
 * {@code truncating} to {@code "pre"} (pad at the start; drop a long sequence's first values), the
 * padding value to 0. The int overloads are Keras's default {@code dtype="int32"}; the float ones
 * its {@code dtype="float32"}.
 */
public final class Sequences {
  private Sequences() {}

  /**
   * {@code pad_sequences(sequences)}: pre-padded with 0 to the longest sequence's length.
   *
   * @param sequences the sequences, each a row (rows may differ in length)
   * @return the int32 array of shape {@code (sequences.length, longest)}
   * @throws IllegalArgumentException if {@code sequences} or a row is null
   */
  public static IntNdArray padSequences(int[][] sequences) {
    return padSequences(sequences, null, "pre", "pre", 0);
  }

  /**
   * {@code pad_sequences(sequences, maxlen, padding=..., truncating=..., value=...)}.
   *
   * @param sequences the sequences, each a row (rows may differ in length)
   * @param maxlen the length of every output row, or null for the longest sequence's
   * @param padding {@code "pre"} or {@code "post"}: where short sequences get {@code value}s
   * @param truncating {@code "pre"} or {@code "post"}: which end of a long sequence is dropped
   * @param value the padding value
   * @return the int32 array of shape {@code (sequences.length, maxlen)}
   * @throws IllegalArgumentException if {@code sequences} or a row is null, {@code maxlen} is not
   *     positive, or {@code padding} or {@code truncating} is neither "pre" nor "post"
   */
  public static IntNdArray padSequences(int[][] sequences, Integer maxlen, String padding,
      String truncating, int value) {
    int width = width(rowLengths(sequences, i -> sequences[i].length), maxlen, padding,
        truncating);
    int[][] out = new int[sequences.length][width];
    for (int i = 0; i < out.length; i++) {
      Arrays.fill(out[i], value);
      int[] p = placement(sequences[i].length, width, padding, truncating);
      System.arraycopy(sequences[i], p[0], out[i], p[1], p[2]);
    }
    return out.length == 0 ? NdArrays.ofInts(Shape.of(0, width)) : StdArrays.ndCopyOf(out);
  }

  /**
   * {@code pad_sequences(sequences, maxlen, dtype="float32", padding=..., truncating=...,
   * value=...)}.
   *
   * @param sequences the sequences, each a row (rows may differ in length)
   * @param maxlen the length of every output row, or null for the longest sequence's
   * @param padding {@code "pre"} or {@code "post"}: where short sequences get {@code value}s
   * @param truncating {@code "pre"} or {@code "post"}: which end of a long sequence is dropped
   * @param value the padding value
   * @return the float32 array of shape {@code (sequences.length, maxlen)}
   * @throws IllegalArgumentException if {@code sequences} or a row is null, {@code maxlen} is not
   *     positive, or {@code padding} or {@code truncating} is neither "pre" nor "post"
   */
  public static FloatNdArray padSequences(float[][] sequences, Integer maxlen, String padding,
      String truncating, float value) {
    int width = width(rowLengths(sequences, i -> sequences[i].length), maxlen, padding,
        truncating);
    float[][] out = new float[sequences.length][width];
    for (int i = 0; i < out.length; i++) {
      Arrays.fill(out[i], value);
      int[] p = placement(sequences[i].length, width, padding, truncating);
      System.arraycopy(sequences[i], p[0], out[i], p[1], p[2]);
    }
    return out.length == 0 ? NdArrays.ofFloats(Shape.of(0, width)) : StdArrays.ndCopyOf(out);
  }

  /** The rows' lengths, refusing a null array or row. */
  private static int[] rowLengths(Object[] sequences, IntUnaryOperator length) {
    if (sequences == null) {
      throw new IllegalArgumentException("padSequences: sequences is null; pass an array of rows");
    }
    int[] lengths = new int[sequences.length];
    for (int i = 0; i < lengths.length; i++) {
      if (sequences[i] == null) {
        throw new IllegalArgumentException("padSequences: sequence " + i + " is null; pass an"
            + " empty array for an empty sequence");
      }
      lengths[i] = length.applyAsInt(i);
    }
    return lengths;
  }

  /** The output rows' length, after checking the arguments. */
  private static int width(int[] lengths, Integer maxlen, String padding, String truncating) {
    check("padding", padding);
    check("truncating", truncating);
    if (maxlen != null && maxlen <= 0) {
      throw new IllegalArgumentException(
          "padSequences: maxlen must be positive, got " + maxlen + "; pass null for the longest"
              + " sequence's length");
    }
    return maxlen != null ? maxlen : Arrays.stream(lengths).max().orElse(0);
  }

  private static void check(String what, String side) {
    if (!"pre".equals(side) && !"post".equals(side)) {
      throw new IllegalArgumentException(
          "padSequences: " + what + " must be \"pre\" or \"post\", got '" + side + "'");
    }
  }

  /**
   * Where a sequence of {@code length} goes in a row of {@code width}: {source start, row start,
   * values copied}.
   */
  private static int[] placement(int length, int width, String padding, String truncating) {
    int kept = Math.min(length, width);
    int from = truncating.equals("pre") ? length - kept : 0;
    int to = padding.equals("pre") ? width - kept : 0;
    return new int[] {from, to, kept};
  }
}
