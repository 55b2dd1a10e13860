package keras4j.ops;

import java.util.function.Supplier;
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
   * "bilinear"} or {@code "bicubic"}, with half-pixel centers and no antialiasing as Keras.
   *
   * @param height the height in pixels
   * @param interpolation {@code "nearest"}, {@code "bilinear"} or {@code "bicubic"}
   * @param width the width in pixels
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the result
   */
  public static KerasTensor resize(TensorLike x, long height, long width, String interpolation) {
    return op("resize", () -> {
      Tensor in = t(x);
      org.tensorflow.ndarray.Shape shape = in.value().shape();
      if (shape.numDimensions() != 4 || height < 1 || width < 1) {
        throw new IllegalArgumentException("ops.image.resize: images of shape "
            + keras4j.core.Shapes.toKeras(shape) + " to (" + height + ", " + width + "): give a"
            + " batch (batch, height, width, channels) and a size of at least 1 by 1");
      }
      return ImageKernels.resize(in, height, width, interpolation);
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
}
