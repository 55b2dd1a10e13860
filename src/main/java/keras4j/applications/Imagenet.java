package keras4j.applications;

/** Keras's {@code imagenet_utils} helpers and the channel rounding the applications share. */
final class Imagenet {
  private Imagenet() {}

  /**
   * Keras's {@code correct_pad}: the zero padding {@code {{top, bottom}, {left, right}}} before a
   * strided {@code kernel x kernel} convolution of {@code (batch, height, width, channels)}
   * inputs, one less at the top (left) for even sizes, so that the output matches "same"
   * padding's centring; unknown sizes count as even.
   */
  static int[][] correctPad(org.tensorflow.ndarray.Shape shape, int kernel) {
    long height = shape.get(1);
    long width = shape.get(2);
    int adjustRows = height < 0 ? 1 : (int) (1 - height % 2);
    int adjustCols = width < 0 ? 1 : (int) (1 - width % 2);
    int correct = kernel / 2;
    return new int[][] {{correct - adjustRows, correct}, {correct - adjustCols, correct}};
  }

  /**
   * Keras's {@code _make_divisible} (and EfficientNet's {@code round_filters}): {@code v} rounded
   * to the nearest multiple of {@code divisor}, at least {@code divisor}, and not below 90% of
   * {@code v}.
   */
  static int makeDivisible(double v, int divisor) {
    int rounded = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
    return rounded < 0.9 * v ? rounded + divisor : rounded;
  }
}
