package keras4j.layers;

import java.util.Locale;
import keras4j.core.Shapes;
import org.tensorflow.ndarray.Shape;

/** Window arithmetic shared by the 2-D convolution and pooling layers (channels last). */
final class Windows2D {
  private Windows2D() {}

  /** {@code (h, w)} from one int (both sides) or an int pair; {@code what} names it in errors. */
  static int[] pair(Object value, String what) {
    int[] given = value instanceof Integer i ? new int[] {i} : (int[]) value;
    if (given.length != 1 && given.length != 2) {
      throw new IllegalArgumentException(what + " must be one or two positive ints, got "
          + java.util.Arrays.toString(given));
    }
    int[] out = given.length == 1 ? new int[] {given[0], given[0]} : given.clone();
    if (out[0] <= 0 || out[1] <= 0) {
      throw new IllegalArgumentException(what + " must be positive, got "
          + java.util.Arrays.toString(out));
    }
    return out;
  }

  /** "valid" or "same", checked. */
  static String padding(String padding) {
    String p = padding.toLowerCase(Locale.ROOT);
    if (!p.equals("valid") && !p.equals("same")) {
      throw new IllegalArgumentException(
          "padding must be \"valid\" or \"same\", got \"" + padding + "\"");
    }
    return p;
  }

  /** Checks a (batch, height, width, channels) input. */
  static void checkImages(Shape inputShape, String layer) {
    if (inputShape.numDimensions() != 4 || inputShape.get(3) < 0) {
      throw new IllegalArgumentException(
          layer + " expects inputs shaped (batch, height, width, channels) but got "
              + Shapes.toKeras(inputShape));
    }
  }

  /** The output length along one axis, as Keras's {@code compute_conv_output_shape}. */
  static long outputLength(long length, int window, int stride, int dilation, String padding) {
    if (length < 0) {
      return -1;
    }
    long span = (long) dilation * (window - 1) + 1;
    long out = padding.equals("same") ? Math.floorDiv(length + stride - 1, stride)
        : Math.floorDiv(length - span, stride) + 1;
    if (out <= 0) {
      throw new IllegalArgumentException("A window of " + span + " does not fit an input of length "
          + length + " with padding \"" + padding + "\"");
    }
    return out;
  }

  /** The (batch, h', w', channels) shape after sliding windows over {@code in}. */
  static Shape slide(Shape in, int[] window, int[] strides, int[] dilations, String padding,
      long channels) {
    return Shape.of(in.get(0),
        outputLength(in.get(1), window[0], strides[0], dilations[0], padding),
        outputLength(in.get(2), window[1], strides[1], dilations[1], padding), channels);
  }
}
