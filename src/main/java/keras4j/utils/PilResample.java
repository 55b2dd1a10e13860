package keras4j.utils;

import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * Pillow's {@code Image.resize(size, resample, box)}, which Keras's {@code load_img} calls, computed
 * as Pillow computes it so that keras4j's pixels are Keras's: nearest neighbour by the affine
 * scaling of Pillow's {@code ImagingScaleAffine}; the other filters as Pillow's separable
 * resampling (a horizontal then a vertical pass, each filter widened by the downscaling factor so
 * that shrinking averages instead of skipping pixels), in 8-bit images with Pillow's 22-bit
 * fixed-point weights and rounding, in 16-bit ones (Pillow's mode "I") in doubles rounded half away
 * from zero. Pixels are ints in height × width × channels order.
 */
final class PilResample {
  private PilResample() {}

  /** Pillow's fixed-point precision for 8-bit images: 32 bits less 8 for the value, 2 for sums. */
  private static final int PRECISION_BITS = 32 - 8 - 2;

  /** Pillow's resampling filters, by Keras's interpolation names, with their support radius. */
  enum Filter {
    NEAREST(0, x -> 0),
    BOX(0.5, x -> x > -0.5 && x <= 0.5 ? 1 : 0),
    BILINEAR(1, x -> Math.abs(x) < 1 ? 1 - Math.abs(x) : 0),
    HAMMING(1, PilResample::hamming),
    BICUBIC(2, PilResample::bicubic),
    LANCZOS(3, x -> -3 <= x && x < 3 ? sinc(x) * sinc(x / 3) : 0);

    final double support;
    final DoubleUnaryOperator weight;

    Filter(double support, DoubleUnaryOperator weight) {
      this.support = support;
      this.weight = weight;
    }

    /**
     * The filter of a Keras interpolation name.
     *
     * @throws IllegalArgumentException naming the supported methods otherwise
     */
    static Filter of(String interpolation) {
      for (Filter f : values()) {
        if (f.name().toLowerCase(Locale.ROOT).equals(interpolation)) {
          return f;
        }
      }
      throw new IllegalArgumentException("Invalid interpolation method " + interpolation
          + " specified. Supported methods are nearest, bilinear, bicubic, hamming, box, lanczos");
    }
  }

  /**
   * Resizes the region {@code box} = (left, top, right, bottom) of an image to {@code outW} ×
   * {@code outH}.
   *
   * @param sixteenBit whether the values are 16-bit (Pillow's mode "I"), else 8-bit
   */
  static int[] resize(int[] in, int inH, int inW, int channels, int outH, int outW, int[] box,
      Filter filter, boolean sixteenBit) {
    if (filter == Filter.NEAREST) {
      return nearest(in, inH, inW, channels, outH, outW, box);
    }
    // Pillow skips a pass whose axis neither changes size nor is cropped.
    boolean horizontal = outW != inW || box[0] != 0 || box[2] != outW;
    boolean vertical = outH != inH || box[1] != 0 || box[3] != outH;
    Coefficients cols = new Coefficients(inW, box[0], box[2], outW, filter);
    Coefficients rows = new Coefficients(inH, box[1], box[3], outH, filter);
    int[] image = in;
    int h = inH;
    int w = inW;
    int firstRow = 0;
    if (horizontal) {
      // Only the rows the vertical pass reads are resized horizontally.
      firstRow = rows.min[0];
      int lastRow = rows.min[outH - 1] + rows.count[outH - 1];
      image = pass(image, w, channels, outW, lastRow - firstRow, firstRow, cols, true, sixteenBit);
      h = lastRow - firstRow;
      w = outW;
    }
    if (vertical) {
      image = pass(image, w, channels, w, outH, -firstRow, rows, false, sixteenBit);
    }
    return image == in ? in.clone() : image;
  }

  // ImagingScaleAffine: source positions by repeated addition of the scale, truncated.
  private static int[] nearest(int[] in, int inH, int inW, int channels, int outH, int outW,
      int[] box) {
    int[] xs = positions(box[0], (double) (box[2] - box[0]) / outW, outW, inW);
    int[] ys = positions(box[1], (double) (box[3] - box[1]) / outH, outH, inH);
    int[] out = new int[outH * outW * channels];
    for (int y = 0; y < outH; y++) {
      for (int x = 0; x < outW; x++) {
        System.arraycopy(in, (ys[y] * inW + xs[x]) * channels, out, (y * outW + x) * channels,
            channels);
      }
    }
    return out;
  }

  private static int[] positions(double start, double scale, int n, int limit) {
    int[] at = new int[n];
    double position = start + scale * 0.5;
    for (int i = 0; i < n; i++) {
      at[i] = Math.min(Math.max((int) position, 0), limit - 1);
      position += scale;
    }
    return at;
  }

  /**
   * One pass along rows ({@code horizontal}) or columns: output pixel i of a line is the weighted
   * sum of input pixels {@code min[i]} to {@code min[i] + count[i] - 1} of that line.
   *
   * @param rowOffset added to the output row to find the input row (horizontal pass), or to the
   *     coefficients' first row (vertical pass)
   */
  private static int[] pass(int[] in, int inW, int channels, int outW, int outH, int rowOffset,
      Coefficients k, boolean horizontal, boolean sixteenBit) {
    int[] out = new int[outH * outW * channels];
    int[] fixed = sixteenBit ? null : k.fixedPoint();
    for (int y = 0; y < outH; y++) {
      for (int x = 0; x < outW; x++) {
        int i = horizontal ? x : y;
        int first = k.min[i] + (horizontal ? 0 : rowOffset);
        for (int c = 0; c < channels; c++) {
          long fixedSum = 1L << (PRECISION_BITS - 1);
          double sum = 0;
          for (int j = 0; j < k.count[i]; j++) {
            int at = horizontal
                ? ((y + rowOffset) * inW + first + j) * channels + c
                : ((first + j) * inW + x) * channels + c;
            if (sixteenBit) {
              sum += in[at] * k.weights[i * k.size + j];
            } else {
              fixedSum += (long) in[at] * fixed[i * k.size + j];
            }
          }
          out[(y * outW + x) * channels + c] = sixteenBit
              ? (int) (sum >= 0 ? sum + 0.5 : sum - 0.5)
              : Math.min(Math.max((int) (fixedSum >> PRECISION_BITS), 0), 255);
        }
      }
    }
    return out;
  }

  /** Pillow's {@code precompute_coeffs}: each output pixel's input window and normalised weights. */
  private static final class Coefficients {
    final int size;
    final int[] min;
    final int[] count;
    final double[] weights;

    Coefficients(int inSize, int in0, int in1, int outSize, Filter filter) {
      double scale = (double) (in1 - in0) / outSize;
      double filterScale = Math.max(scale, 1.0);
      double support = filter.support * filterScale;
      double inverseScale = 1.0 / filterScale;
      size = (int) Math.ceil(support) * 2 + 1;
      min = new int[outSize];
      count = new int[outSize];
      weights = new double[outSize * size];
      for (int i = 0; i < outSize; i++) {
        double center = in0 + (i + 0.5) * scale;
        int lo = Math.max((int) (center - support + 0.5), 0);
        int hi = Math.min((int) (center + support + 0.5), inSize);
        min[i] = lo;
        count[i] = hi - lo;
        double total = 0;
        for (int j = 0; j < count[i]; j++) {
          double w = filter.weight.applyAsDouble((j + lo - center + 0.5) * inverseScale);
          weights[i * size + j] = w;
          total += w;
        }
        for (int j = 0; j < count[i] && total != 0; j++) {
          weights[i * size + j] /= total;
        }
      }
    }

    /** The weights as Pillow's 8-bit passes use them: fixed point, rounded half away from 0. */
    int[] fixedPoint() {
      int[] fixed = new int[weights.length];
      for (int i = 0; i < weights.length; i++) {
        double w = weights[i] * (1 << PRECISION_BITS);
        fixed[i] = (int) (w < 0 ? w - 0.5 : w + 0.5);
      }
      return fixed;
    }
  }

  /**
   * Pillow's {@code rgbA2rgba}: colour channels multiplied by alpha / 255 (rounded), which Pillow
   * does before resizing an RGBA image with any filter but nearest, so that transparent pixels do
   * not bleed their colour.
   */
  static int[] premultiply(int[] rgba) {
    int[] out = rgba.clone();
    for (int i = 0; i < out.length; i += 4) {
      for (int c = 0; c < 3; c++) {
        int t = out[i + c] * out[i + 3] + 128;
        out[i + c] = ((t >> 8) + t) >> 8;
      }
    }
    return out;
  }

  /** Pillow's {@code rgba2rgbA}, the inverse of {@link #premultiply} (truncating, clipped). */
  static int[] unpremultiply(int[] rgba) {
    int[] out = rgba.clone();
    for (int i = 0; i < out.length; i += 4) {
      int alpha = out[i + 3];
      if (alpha != 0 && alpha != 255) {
        for (int c = 0; c < 3; c++) {
          out[i + c] = Math.min(255 * out[i + c] / alpha, 255);
        }
      }
    }
    return out;
  }

  private static double hamming(double x) {
    double a = Math.abs(x);
    if (a == 0) {
      return 1;
    }
    if (a >= 1) {
      return 0;
    }
    double px = a * Math.PI;
    // Pillow's constants are C floats.
    return Math.sin(px) / px * (0.54f + 0.46f * Math.cos(px));
  }

  private static double bicubic(double x) {
    double a = -0.5;
    double t = Math.abs(x);
    if (t < 1) {
      return ((a + 2) * t - (a + 3)) * t * t + 1;
    }
    if (t < 2) {
      return (((t - 5) * t + 8) * t - 4) * a;
    }
    return 0;
  }

  private static double sinc(double x) {
    if (x == 0) {
      return 1;
    }
    double px = x * Math.PI;
    return Math.sin(px) / px;
  }
}
