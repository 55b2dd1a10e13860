package keras4j.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import keras4j.backend.Convolutions;
import keras4j.core.Shapes;
import org.tensorflow.ndarray.Shape;

/**
 * Window arithmetic shared by the convolution and pooling layers (channels last, 1 to 3 spatial
 * axes), as Keras's {@code standardize_tuple} and {@code compute_conv_output_shape}.
 */
final class Windows {
  private Windows() {}

  /**
   * {@code rank} positive ints from one int (every axis) or {@code rank} of them ({@code
   * allowZero} for {@code output_padding}); {@code what} names the argument in errors.
   */
  static int[] tuple(Object value, int rank, String what, boolean allowZero) {
    int[] given = value instanceof Integer i ? new int[] {i} : (int[]) value;
    if (given.length != 1 && given.length != rank) {
      throw new IllegalArgumentException("The `" + what + "` argument must be a tuple of " + rank
          + " integers. Received " + what + "=" + Arrays.toString(given));
    }
    int[] out = given.length == 1 ? IntStream.generate(() -> given[0]).limit(rank).toArray()
        : given.clone();
    if (Arrays.stream(out).anyMatch(v -> allowZero ? v < 0 : v <= 0)) {
      throw new IllegalArgumentException("The `" + what + "` argument must be a tuple of "
          + rank + " integers " + (allowZero ? ">= 0" : "> 0") + ". Received " + what + "="
          + Arrays.toString(out));
    }
    return out;
  }

  /** {@link #tuple} of positive ints. */
  static int[] tuple(Object value, int rank, String what) {
    return tuple(value, rank, what, false);
  }

  /** "valid" or "same" (or "causal" when allowed), checked. */
  static String padding(String padding, boolean allowCausal) {
    String p = padding.toLowerCase(Locale.ROOT);
    if (!p.equals("valid") && !p.equals("same") && !(allowCausal && p.equals("causal"))) {
      throw new IllegalArgumentException("padding must be \"valid\", \"same\""
          + (allowCausal ? " or \"causal\"" : "") + ", got \"" + padding + "\"");
    }
    return p;
  }

  /** Checks a (batch, *spatial, channels) input of {@code rank} spatial axes, channels known. */
  static void checkInputs(Shape inputShape, int rank, String layer) {
    if (inputShape.numDimensions() != rank + 2 || inputShape.get(rank + 1) < 0) {
      throw new IllegalArgumentException(layer + " expects inputs shaped " + layout(rank)
          + " but got " + Shapes.toKeras(inputShape));
    }
  }

  private static String layout(int rank) {
    return switch (rank) {
      case 1 -> "(batch, steps, channels)";
      case 2 -> "(batch, height, width, channels)";
      default -> "(batch, depth, height, width, channels)";
    };
  }

  /** The (batch, *spatial', channels) shape after sliding windows over {@code in}. */
  static Shape slide(Shape in, int[] window, int[] strides, int[] dilations, String padding,
      long channels) {
    long[] out = in.asArray();
    for (int i = 0; i < window.length; i++) {
      out[i + 1] = Convolutions.outputLength(in.get(i + 1), window[i], strides[i], dilations[i],
          padding);
    }
    out[out.length - 1] = channels;
    return Shape.of(out);
  }

  /** Ints as the list Keras writes in a config. */
  static List<Integer> list(int[] values) {
    return Arrays.stream(values).boxed().toList();
  }
}
