package keras4j.layers;

import java.util.Arrays;
import java.util.List;
import keras4j.core.Shapes;
import org.tensorflow.ndarray.Shape;

/**
 * Sizes of the image layers (channels last) that pad, crop and resize: ZeroPadding2D, Cropping2D,
 * Resizing, CenterCrop and the random crops and transforms.
 */
final class ImageGeometry {
  private ImageGeometry() {}

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
            + Arrays.deepToString(out));
      }
    }
    return out;
  }

  private static String describe(Object value) {
    if (value instanceof int[] a) {
      return Arrays.toString(a);
    }
    return value instanceof Object[] a ? Arrays.deepToString(a) : String.valueOf(value);
  }

  /** {@code sides} as Keras's config writes them: {@code [[top, bottom], [left, right]]}. */
  static List<List<Integer>> sidesConfig(int[][] sides) {
    return List.of(List.of(sides[0][0], sides[0][1]),
        List.of(sides[1][0], sides[1][1]));
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
    Windows.checkInputs(inputShape, 2, layer);
    if (inputShape.get(1) < 0 || inputShape.get(2) < 0) {
      throw new IllegalArgumentException(layer + " needs the image height and width known, got "
          + Shapes.toKeras(inputShape));
    }
  }

  /** The images of {@code in} at {@code height} x {@code width}, after checking {@code in}. */
  static Shape resized(Shape in, long height, long width, String layer) {
    Windows.checkInputs(in, 2, layer);
    return Shape.of(in.get(0), height, width, in.get(3));
  }

  /**
   * The images of {@code in} with {@code sides} added ({@code sign} 1, ZeroPadding2D) or removed
   * (-1, Cropping2D); unknown lengths stay unknown.
   */
  static Shape padded(Shape in, int[][] sides, int sign, String layer) {
    Windows.checkInputs(in, 2, layer);
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
