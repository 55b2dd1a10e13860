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

  /**
   * {@code {{top, bottom}, {left, right}}} from one int (every side), an int pair {@code (h, w)}
   * (h rows at the top and at the bottom, w columns at each side) or the pairs themselves, as
   * Keras's ZeroPadding2D and Cropping2D take them; {@code what} names the argument in errors.
   */
  static int[][] sides(Object value, String what) {
    int[][] out;
    if (value instanceof int[] one && one.length == 1) {
      return sides(one[0], what);
    }
    if (value instanceof Integer i) {
      out = new int[][] {{i, i}, {i, i}};
    } else if (value instanceof int[] pair && pair.length == 2) {
      out = new int[][] {{pair[0], pair[0]}, {pair[1], pair[1]}};
    } else if (value instanceof int[][] pairs && pairs.length == 2 && pairs[0].length == 2
        && pairs[1].length == 2) {
      out = new int[][] {pairs[0].clone(), pairs[1].clone()};
    } else {
      throw new IllegalArgumentException(what + " must be an int, a pair (height, width) or"
          + " ((top, bottom), (left, right)), got " + describe(value));
    }
    for (int[] side : out) {
      if (side[0] < 0 || side[1] < 0) {
        throw new IllegalArgumentException(what + " must not be negative, got "
            + java.util.Arrays.deepToString(out));
      }
    }
    return out;
  }

  private static String describe(Object value) {
    if (value instanceof int[] a) {
      return java.util.Arrays.toString(a);
    }
    return value instanceof Object[] a ? java.util.Arrays.deepToString(a) : String.valueOf(value);
  }

  /** {@code sides} as Keras's config writes them: {@code [[top, bottom], [left, right]]}. */
  static java.util.List<java.util.List<Integer>> sidesConfig(int[][] sides) {
    return java.util.List.of(java.util.List.of(sides[0][0], sides[0][1]),
        java.util.List.of(sides[1][0], sides[1][1]));
  }

  /** Checks a target size ({@code what}: "Resizing", "CenterCrop", ...) is positive. */
  static void checkSize(String what, int height, int width) {
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException(what + " height and width must be positive, got "
          + height + " x " + width);
    }
  }

  /** Checks (batch, height, width, channels) inputs with the height and width known. */
  static void checkKnownSize(Shape inputShape, String layer) {
    checkImages(inputShape, layer);
    if (inputShape.get(1) < 0 || inputShape.get(2) < 0) {
      throw new IllegalArgumentException(layer + " needs the image height and width known, got "
          + Shapes.toKeras(inputShape));
    }
  }

  /** The images of {@code in} at {@code height} x {@code width}, after checking {@code in}. */
  static Shape resized(Shape in, long height, long width, String layer) {
    checkImages(in, layer);
    return Shape.of(in.get(0), height, width, in.get(3));
  }

  /**
   * The images of {@code in} with {@code sides} added ({@code sign} 1, ZeroPadding2D) or removed
   * (-1, Cropping2D); unknown lengths stay unknown.
   */
  static Shape padded(Shape in, int[][] sides, int sign, String layer) {
    checkImages(in, layer);
    long[] dims = in.asArray();
    for (int axis = 1; axis <= 2; axis++) {
      int[] s = sides[axis - 1];
      if (dims[axis] >= 0) {
        dims[axis] += sign * (s[0] + s[1]);
        if (dims[axis] <= 0) {
          throw new IllegalArgumentException(layer + " crops " + s[0] + " + " + s[1]
              + " from an axis of length " + in.get(axis) + ", leaving nothing");
        }
      }
    }
    return Shape.of(dims);
  }
}
