package keras4j.ops;

import java.util.function.Supplier;
import keras4j.backend.Convolutions;
import keras4j.backend.ImageKernels;
import keras4j.backend.Tensor;
import keras4j.core.KerasTensor;
import keras4j.core.TensorLike;

/**
 * Keras's {@code keras.ops.image} on channels-last {@code (batch, height, width, channels)}
 * images: what the reshaping and image-preprocessing layers are written with.
 */
public final class ImageOps {
  private ImageOps() {}

  /** {@code x} as a tensor of the trace running now. */
  private static Tensor t(TensorLike x) {
    return CoreOps.t(x);
  }

  /** Runs {@code ops.image.<name>} where it belongs, traced or eager, as every op of Ops. */
  private static KerasTensor op(String name, Supplier<Tensor> body) {
    return CoreOps.op("image." + name, body);
  }

  /**
   * {@code ops.image.resize(x, (height, width), interpolation)}: {@code "nearest"}, {@code
   * "bilinear"}, {@code "bicubic"} (half-pixel centers), {@code "area"}, {@code "lanczos3"} or
   * {@code "lanczos5"}, without antialiasing as Keras's default.
   *
   * @param height the height in pixels
   * @param interpolation one of Keras's interpolations, above
   * @param width the width in pixels
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the result
   */
  public static KerasTensor resize(TensorLike x, long height, long width, String interpolation) {
    return resize(x, height, width, interpolation, false);
  }

  /**
   * {@code ops.image.resize(x, (height, width), interpolation, antialias)} with any of Keras's
   * interpolations: {@code "bilinear"}, {@code "nearest"}, {@code "bicubic"}, {@code "area"},
   * {@code "lanczos3"}, {@code "lanczos5"}. With {@code antialias} a downscaling filter widens
   * by the scale factor (TensorFlow's ScaleAndTranslate); {@code "nearest"} and {@code "area"}
   * ignore it, as in Keras's TensorFlow backend.
   *
   * @param antialias whether to antialias when downscaling
   * @param height the height in pixels
   * @param interpolation one of Keras's interpolations, above
   * @param width the width in pixels
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the result
   */
  public static KerasTensor resize(TensorLike x, long height, long width, String interpolation,
      boolean antialias) {
    return op("resize", () -> {
      Tensor in = t(x);
      org.tensorflow.ndarray.Shape shape = in.value().shape();
      if (shape.numDimensions() != 4 || height < 1 || width < 1) {
        throw new IllegalArgumentException("ops.image.resize: images of shape "
            + keras4j.core.Shapes.toKeras(shape) + " to (" + height + ", " + width + "): give a"
            + " batch (batch, height, width, channels) and a size of at least 1 by 1");
      }
      return ImageKernels.resize(in, height, width, interpolation, antialias);
    });
  }

  /**
   * Each image enlarged by integer factors, as {@link #resize} to {@code (h * fh, w * fw)}.
   *
   * @param heightFactor the height factor
   * @param interpolation {@code "nearest"}, {@code "bilinear"} or {@code "bicubic"}
   * @param widthFactor the width factor
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the result
   */
  public static KerasTensor upsample(TensorLike x, int heightFactor, int widthFactor,
      String interpolation) {
    return op("upsample",
        () -> ImageKernels.upsample(t(x), heightFactor, widthFactor, interpolation));
  }

  /**
   * {@code x[:, top:-bottom, left:-right, :]}, a zero keeping that side whole.
   *
   * @param bottom the rows removed at the bottom
   * @param left the columns removed at the left (or the first column kept)
   * @param right the columns removed at the right
   * @param top the rows removed at the top (or the first row kept)
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the result
   */
  public static KerasTensor crop(TensorLike x, int top, int bottom, int left, int right) {
    return op("crop", () -> ImageKernels.crop(t(x), top, bottom, left, right));
  }

  /**
   * {@code x[:, top:top + height, left:left + width, :]}.
   *
   * @param height the height in pixels
   * @param left the columns removed at the left (or the first column kept)
   * @param top the rows removed at the top (or the first row kept)
   * @param width the width in pixels
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the result
   */
  public static KerasTensor window(TensorLike x, int top, int left, long height, long width) {
    return op("window", () -> ImageKernels.window(t(x), top, left, height, width));
  }

  /**
   * The window of {@code height} x {@code width} at a random offset, the same for the batch:
   * {@code unit}, two values in [0, 1), picks the top row and left column uniformly among those
   * that fit.
   *
   * @param height the height in pixels
   * @param unit two values in [0, 1), shape {@code (1, 2)}
   * @param width the width in pixels
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the result
   */
  public static KerasTensor randomWindow(TensorLike x, TensorLike unit, long height,
      long width) {
    return op("random_window", () -> ImageKernels.windowAt(t(x), t(unit), height, width));
  }

  /**
   * {@code ops.image.affine_transform(x, transforms, interpolation, fill_mode, fill_value)}: row
   * {@code i} of {@code transforms}, {@code [a0, a1, a2, b0, b1, b2, c0, c1]}, maps output pixel
   * {@code (x, y)} of image {@code i} to the input point {@code ((a0 x + a1 y + a2) / k, (b0 x +
   * b1 y + b2) / k)}, {@code k = c0 x + c1 y + 1}. No gradient flows back to {@code x}.
   *
   * @param fillMode {@code "reflect"}, {@code "wrap"}, {@code "constant"} or {@code "nearest"}
   * @param fillValue the value of points outside the image
   * @param interpolation {@code "nearest"}, {@code "bilinear"} or {@code "bicubic"}
   * @param transforms the {@code (batch, 8)} transforms
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the result
   */
  public static KerasTensor affineTransform(TensorLike x, TensorLike transforms,
      String interpolation, String fillMode, double fillValue) {
    return op("affine_transform", () -> ImageKernels.affineTransform(t(x),
        t(transforms).operand(), interpolation, fillMode, (float) fillValue));
  }

  /**
   * Per-image random numbers for the random image layers: uniform in {@code [min, max)}, shaped
   * {@code (batch, columns)} for the batch of {@code images}, new on every run, seeded.
   *
   * @param columns how many values per image
   * @param images a batch of channels-last images {@code (batch, height, width, channels)}
   * @param max the highest value (excluded)
   * @param min the lowest value (included)
   * @param seed the seed of the random draws
   * @return the result
   */
  public static KerasTensor uniformPerImage(TensorLike images, int columns, double min,
      double max, long seed) {
    return op("uniform_per_image", () -> ImageKernels.uniformPerImage(t(images), columns,
        (float) min, (float) max, seed));
  }

  /**
   * {@code ops.image.extract_patches(images, size)}: non-overlapping patches (strides = size, no
   * dilation, {@code "valid"} padding), each flattened into the channels of one output position.
   *
   * @param images {@code (batch, h, w, c)} images or one {@code (h, w, c)} image; for a 3-long
   *     {@code size}, {@code (batch, d, h, w, c)} volumes or one {@code (d, h, w, c)} volume
   * @param size the patch: one int (square), {@code (height, width)} or {@code (depth, height,
   *     width)}
   * @return the patches, shaped {@code (batch, h', w', size[0] * size[1] * c)} (or the volume's
   *     analogue), of the images' dtype
   */
  public static KerasTensor extractPatches(TensorLike images, int... size) {
    return extractPatches(images, size, null, new int[] {1}, "valid");
  }

  /**
   * {@code ops.image.extract_patches(images, size, strides, dilation_rate, padding)}: the {@code
   * size} patch at every {@code strides} step, its taps {@code dilationRate} apart, flattened
   * row by row with each pixel's channels together (Keras's order, that of {@code
   * tf.image.extract_patches}). Images take any dtype; volumes (a 3-long {@code size}) float32.
   *
   * @param images {@code (batch, h, w, c)} images or one {@code (h, w, c)} image; for a 3-long
   *     {@code size}, {@code (batch, d, h, w, c)} volumes or one {@code (d, h, w, c)} volume
   * @param size the patch: one int (square), {@code (height, width)} or {@code (depth, height,
   *     width)}
   * @param strides the step between patches, one int or one per axis; null for {@code size}
   * @param dilationRate the spacing of a patch's taps, one int or one per axis; above 1 only
   *     with strides of 1, as Keras
   * @param padding {@code "valid"} (patches inside the image) or {@code "same"} (zeros around
   *     it, {@code ceil(n / stride)} patches per axis)
   * @return the patches, shaped {@code (batch, h', w', size[0] * size[1] * c)} (or the volume's
   *     analogue), of the images' dtype
   */
  public static KerasTensor extractPatches(TensorLike images, int[] size, int[] strides,
      int[] dilationRate, String padding) {
    String op = "ops.image.extract_patches";
    if (size == null || size.length < 1 || size.length > 3) {
      throw new IllegalArgumentException(op + ": size must be one int, (height, width) or"
          + " (depth, height, width), got " + java.util.Arrays.toString(size));
    }
    int spatial = size.length == 3 ? 3 : 2;
    int[] window = perAxis(size, spatial, "size", op);
    int[] steps = strides == null ? window : perAxis(strides, spatial, "strides", op);
    int[] dilations = perAxis(dilationRate, spatial, "dilation_rate", op);
    if (java.util.Arrays.stream(steps).anyMatch(v -> v > 1)
        && java.util.Arrays.stream(dilations).anyMatch(v -> v > 1)) {
      throw new IllegalArgumentException(op + ": `strides > 1` not supported in conjunction with"
          + " `dilation_rate > 1`. Received: strides=" + java.util.Arrays.toString(steps)
          + " and dilation_rate=" + java.util.Arrays.toString(dilations));
    }
    String pad = padding == null ? "" : padding.toLowerCase(java.util.Locale.ROOT);
    if (!pad.equals("valid") && !pad.equals("same")) {
      throw new IllegalArgumentException(op + ": padding must be \"valid\" or \"same\", got \""
          + padding + "\"");
    }
    return op("extract_patches", () -> {
      Tensor in = t(images);
      org.tensorflow.ndarray.Shape shape = in.value().shape();
      int rank = shape.numDimensions();
      if (rank != spatial + 1 && rank != spatial + 2) {
        throw new IllegalArgumentException(op + ": " + (spatial == 2 ? "2-D patches need (h, w,"
            + " c) or (batch, h, w, c) images" : "3-D patches need (d, h, w, c) or (batch, d, h,"
            + " w, c) volumes") + ", got shape " + keras4j.core.Shapes.toKeras(shape));
      }
      int first = rank - spatial - 1;
      if (spatial == 3 && shape.get(rank - 1) < 0) {
        throw new IllegalArgumentException(op + ": 3-D patches need the channels known, got"
            + " shape " + keras4j.core.Shapes.toKeras(shape));
      }
      for (int i = 0; i < spatial; i++) {
        try {
          Convolutions.outputLength(shape.get(first + i), window[i], steps[i], dilations[i], pad);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(op + ": the patch " + java.util.Arrays.toString(
              window) + " (dilation " + java.util.Arrays.toString(dilations) + ") does not fit"
              + " images of shape " + keras4j.core.Shapes.toKeras(shape) + ": " + e.getMessage());
        }
      }
      return ImageKernels.extractPatches(in, window, steps, dilations, pad);
    });
  }

  /**
   * {@code ops.image.extract_patches_3d(volumes, size)}: {@link #extractPatches(TensorLike,
   * int...)} of volumes, one int being a cube.
   *
   * @param volumes {@code (batch, d, h, w, c)} volumes or one {@code (d, h, w, c)} volume,
   *     float32
   * @param size the patch: one int (a cube) or {@code (depth, height, width)}
   * @return the patches, shaped {@code (batch, d', h', w', size[0] * size[1] * size[2] * c)}
   */
  public static KerasTensor extractPatches3d(TensorLike volumes, int... size) {
    return extractPatches3d(volumes, size, null, new int[] {1}, "valid");
  }

  /**
   * {@code ops.image.extract_patches_3d(volumes, size, strides, dilation_rate, padding)}: {@link
   * #extractPatches(TensorLike, int[], int[], int[], String)} of volumes, one int being a cube.
   *
   * @param volumes {@code (batch, d, h, w, c)} volumes or one {@code (d, h, w, c)} volume,
   *     float32
   * @param size the patch: one int (a cube) or {@code (depth, height, width)}
   * @param strides the step between patches, one int or three; null for {@code size}
   * @param dilationRate the spacing of a patch's taps, one int or three; above 1 only with
   *     strides of 1
   * @param padding {@code "valid"} or {@code "same"}
   * @return the patches, shaped {@code (batch, d', h', w', size[0] * size[1] * size[2] * c)}
   */
  public static KerasTensor extractPatches3d(TensorLike volumes, int[] size, int[] strides,
      int[] dilationRate, String padding) {
    if (size == null || (size.length != 1 && size.length != 3)) {
      throw new IllegalArgumentException("ops.image.extract_patches_3d: size must be one int or"
          + " (depth, height, width), got " + java.util.Arrays.toString(size));
    }
    int[] cube = size.length == 1 ? new int[] {size[0], size[0], size[0]} : size;
    return extractPatches(volumes, cube, strides, dilationRate, padding);
  }

  /** One positive int per spatial axis from one int for all or one per axis. */
  private static int[] perAxis(int[] values, int spatial, String what, String op) {
    int[] out = values != null && values.length == 1 ? new int[spatial] : values;
    if (values != null && values.length == 1) {
      java.util.Arrays.fill(out, values[0]);
    }
    if (out == null || out.length != spatial || java.util.Arrays.stream(out).anyMatch(v -> v < 1)) {
      throw new IllegalArgumentException(op + ": " + what + " must be one positive int or "
          + spatial + " of them, got " + java.util.Arrays.toString(values));
    }
    return out;
  }
}
