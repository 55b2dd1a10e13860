package keras4j.backend;

import java.util.List;
import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Index;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ImageProjectiveTransformV3;
import org.tensorflow.op.image.ResizeBicubic;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.op.image.ResizeNearestNeighbor;
import org.tensorflow.op.image.ScaleAndTranslate;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * The image ops behind {@code keras4j.ops.ImageOps} and the reshaping and image layers, on
 * channels-last {@code (batch, height, width, channels)} tensors, as Keras's TensorFlow backend
 * ({@code keras.src.backend.tensorflow.image}) computes them.
 */
public final class ImageKernels {
  /** The interpolations {@link #resize} takes, Keras's {@code RESIZE_INTERPOLATIONS}. */
  public static final List<String> INTERPOLATIONS =
      List.of("bilinear", "nearest", "lanczos3", "lanczos5", "bicubic", "area");

  private ImageKernels() {}

  private static Tensor result(Tensor like, Operand<TFloat32> out) {
    return new Tensor(like.graph(), out);
  }

  /**
   * The images without {@code top}/{@code bottom} rows and {@code left}/{@code right} columns,
   * as Python's {@code x[:, top:-bottom, left:-right, :]} (a zero keeps that side).
   */
  public static Tensor crop(Tensor x, int top, int bottom, int left, int right) {
    Ops tf = x.graph().tf();
    return result(x, tf.stridedSlice(x.operand(), Indices.all(), side(top, bottom),
        side(left, right), Indices.all()));
  }

  private static Index side(int before, int after) {
    return after == 0 ? Indices.sliceFrom(before) : Indices.slice(before, -after);
  }

  /** The rows {@code [top, top + height)} and columns {@code [left, left + width)}. */
  public static Tensor window(Tensor x, int top, int left, long height, long width) {
    Ops tf = x.graph().tf();
    return result(x, tf.stridedSlice(x.operand(), Indices.all(),
        Indices.slice(top, top + height), Indices.slice(left, left + width), Indices.all()));
  }

  /**
   * The window of {@code height} x {@code width} at a random offset: {@code unit} holds two
   * uniform values in [0, 1) that pick the top row among the {@code h - height + 1} possible and
   * the left column among the {@code w - width + 1}.
   */
  public static Tensor windowAt(Tensor x, Tensor unit, long height, long width) {
    Ops tf = x.graph().tf();
    long h = x.operand().shape().get(1);
    long w = x.operand().shape().get(2);
    Operand<TFloat32> choices = tf.constant(new float[] {h - height + 1, w - width + 1});
    Operand<TInt32> topLeft = tf.reshape(tf.dtypes.cast(tf.math.floor(tf.math.mul(
        unit.operand(), choices)), TInt32.class), tf.constant(new int[] {2}));
    Operand<TInt32> begin = tf.concat(List.of(tf.constant(new int[] {0}), topLeft,
        tf.constant(new int[] {0})), tf.constant(0));
    Operand<TInt32> size = tf.constant(new int[] {-1, (int) height, (int) width, -1});
    return result(x, tf.slice(x.operand(), begin, size));
  }

  /**
   * {@code tf.image.resize(x, (height, width), method)} (half-pixel centers, no antialiasing):
   * {@code "nearest"}, {@code "bilinear"} or {@code "bicubic"}.
   */
  public static Tensor resize(Tensor x, Operand<TInt32> size, String interpolation) {
    return resize(x, size, interpolation, false);
  }

  /**
   * {@code tf.image.resize(x, size, method, antialias)}, as Keras's TensorFlow backend calls it:
   * {@code "nearest"} and {@code "area"} ignore {@code antialias}; {@code "bilinear"} and {@code
   * "bicubic"} use their own kernels without it, and with it TensorFlow's ScaleAndTranslate
   * ({@code "triangle"}, {@code "keyscubic"}) whose kernel widens by the downscaling factor;
   * {@code "lanczos3"} and {@code "lanczos5"} are ScaleAndTranslate either way.
   */
  public static Tensor resize(Tensor x, Operand<TInt32> size, String interpolation,
      boolean antialias) {
    Ops tf = x.graph().tf();
    Operand<TFloat32> in = x.operand();
    Operand<TFloat32> out = switch (interpolation) {
      case "nearest" -> tf.image.resizeNearestNeighbor(in, size,
          ResizeNearestNeighbor.halfPixelCenters(true));
      case "bilinear" -> antialias ? scaleAndTranslate(tf, in, size, "triangle", true)
          : tf.image.resizeBilinear(in, size, ResizeBilinear.halfPixelCenters(true));
      case "bicubic" -> antialias ? scaleAndTranslate(tf, in, size, "keyscubic", true)
          : tf.dtypes.cast(tf.image.resizeBicubic(in, size, ResizeBicubic.halfPixelCenters(true)),
              TFloat32.class);
      case "area" -> tf.image.resizeArea(in, size);
      case "lanczos3", "lanczos5" -> scaleAndTranslate(tf, in, size, interpolation, antialias);
      default -> throw new IllegalArgumentException("Unknown interpolation '" + interpolation
          + "'; keras4j has " + String.join(", ", INTERPOLATIONS) + ", as Keras");
    };
    return result(x, out);
  }

  /** TensorFlow's {@code resize_with_scale_and_translate}: scale {@code size / (h, w)}, no shift. */
  private static Operand<TFloat32> scaleAndTranslate(Ops tf, Operand<TFloat32> in,
      Operand<TInt32> size, String kernel, boolean antialias) {
    Operand<TFloat32> scale = tf.math.div(tf.dtypes.cast(size, TFloat32.class),
        tf.dtypes.cast(tf.stridedSlice(tf.shape(in), Indices.slice(1, 3)), TFloat32.class));
    return tf.image.scaleAndTranslate(in, size, scale, tf.zeros(tf.constant(new int[] {2}),
        TFloat32.class), ScaleAndTranslate.kernelType(kernel),
        ScaleAndTranslate.antialias(antialias));
  }

  /** {@link #resize} to a fixed {@code (height, width)}. */
  public static Tensor resize(Tensor x, long height, long width, String interpolation,
      boolean antialias) {
    return resize(x, x.graph().tf().constant(new int[] {(int) height, (int) width}),
        interpolation, antialias);
  }

  /** {@link #resize} to a fixed {@code (height, width)}, without antialiasing. */
  public static Tensor resize(Tensor x, long height, long width, String interpolation) {
    return resize(x, height, width, interpolation, false);
  }

  /** {@link #resize} by integer factors (UpSampling2D), for images of any size. */
  public static Tensor upsample(Tensor x, int heightFactor, int widthFactor,
      String interpolation) {
    Ops tf = x.graph().tf();
    long h = x.operand().shape().get(1);
    long w = x.operand().shape().get(2);
    if (h >= 0 && w >= 0) {
      // A constant size keeps the output's static shape (a Flatten after it needs it).
      return resize(x, h * heightFactor, w * widthFactor, interpolation);
    }
    Operand<TInt32> hw = tf.stridedSlice(tf.shape(x.operand()), Indices.slice(1, 3));
    return resize(x, tf.math.mul(hw, tf.constant(new int[] {heightFactor, widthFactor})),
        interpolation);
  }

  /**
   * Keras's {@code ops.image.affine_transform}: each output pixel {@code (x, y)} of image {@code
   * i} samples the input at {@code ((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k)} with {@code
   * k = c0 x + c1 y + 1}, {@code transforms[i] = [a0, a1, a2, b0, b1, b2, c0, c1]}. TensorFlow
   * has no gradient for it: the random image layers that use it go first in a model, where
   * nothing before them trains.
   */
  public static Tensor affineTransform(Tensor x, Operand<TFloat32> transforms,
      String interpolation, String fillMode, float fillValue) {
    Ops tf = x.graph().tf();
    Operand<TInt32> hw = tf.stridedSlice(tf.shape(x.operand()), Indices.slice(1, 3));
    return result(x, tf.image.imageProjectiveTransformV3(x.operand(), transforms, hw,
        tf.constant(fillValue), interpolation.toUpperCase(Locale.ROOT),
        ImageProjectiveTransformV3.fillMode(fillMode.toUpperCase(Locale.ROOT))));
  }

  /**
   * Uniform values in {@code [min, max)} shaped {@code (batch, columns)} for the batch of {@code
   * x}, new ones on every run (a stateful op seeded by {@code seed}).
   */
  public static Tensor uniformPerImage(Tensor x, int columns, float min, float max, long seed) {
    Ops tf = x.graph().tf();
    Operand<TInt32> shape = tf.concat(List.of(
        tf.stridedSlice(tf.shape(x.operand()), Indices.slice(0, 1)),
        tf.constant(new int[] {columns})), tf.constant(0));
    Operand<TFloat32> unit = tf.random.randomUniform(shape, TFloat32.class,
        org.tensorflow.op.random.RandomUniform.seed(seed),
        org.tensorflow.op.random.RandomUniform.seed2(seed >>> 32));
    return result(x, tf.math.add(tf.math.mul(unit, tf.constant(max - min)), tf.constant(min)));
  }

  /**
   * {@code tf.nn.depth_to_space} (any dtype): each pixel's {@code block * block * c} channels
   * become a {@code block x block} tile of {@code c} channels; {@code channelsFirst} inputs are
   * transposed to channels last and back, as Keras's TensorFlow backend does on CPU.
   */
  public static Tensor depthToSpace(Tensor x, int block, boolean channelsFirst) {
    Ops tf = x.graph().tf();
    return new Tensor(x.graph(), channelsLast(tf, channelsFirst, x.value(),
        in -> tf.nn.depthToSpace(in, (long) block)));
  }

  /** {@code tf.nn.space_to_depth}, the inverse of {@link #depthToSpace}. */
  public static Tensor spaceToDepth(Tensor x, int block, boolean channelsFirst) {
    Ops tf = x.graph().tf();
    return new Tensor(x.graph(), channelsLast(tf, channelsFirst, x.value(),
        in -> tf.nn.spaceToDepth(in, (long) block)));
  }

  /** {@code op} on {@code x}, seen channels last when it is {@code channelsFirst}. */
  private static <T extends TType> Operand<T> channelsLast(Ops tf, boolean channelsFirst,
      Operand<T> x, java.util.function.UnaryOperator<Operand<T>> op) {
    if (!channelsFirst) {
      return op.apply(x);
    }
    Operand<T> last = tf.linalg.transpose(x, tf.constant(new int[] {0, 2, 3, 1}));
    return tf.linalg.transpose(op.apply(last), tf.constant(new int[] {0, 3, 1, 2}));
  }

  /**
   * Keras's {@code ops.image.extract_patches}: each output position of {@code x} ({@code (batch,
   * h, w, c)} or {@code (batch, d, h, w, c)} for a 3-long {@code size}, or one image or volume
   * without the batch axis) holds its patch flattened, row by row with each pixel's channels
   * together, as Keras's identity-kernel convolution orders it. Images go through {@code
   * tf.image.extract_patches} (any dtype), volumes through that convolution (float32).
   */
  public static Tensor extractPatches(Tensor x, int[] size, int[] strides, int[] dilations,
      String padding) {
    Ops tf = x.graph().tf();
    boolean unbatched = x.value().shape().numDimensions() == size.length + 1;
    Tensor in = unbatched ? new Tensor(x.graph(), tf.expandDims(x.value(), tf.constant(0))) : x;
    Tensor out;
    if (size.length == 2) {
      out = new Tensor(x.graph(), tf.image.extractImagePatches(in.value(),
          List.of(1L, (long) size[0], (long) size[1], 1L),
          List.of(1L, (long) strides[0], (long) strides[1], 1L),
          List.of(1L, (long) dilations[0], (long) dilations[1], 1L),
          padding.toUpperCase(Locale.ROOT)));
    } else {
      long channels = in.value().shape().get(4);
      out = Convolutions.conv(in, patchKernel(in, size, channels), strides, padding, dilations);
    }
    return unbatched ? new Tensor(x.graph(), tf.squeeze(out.value(),
        org.tensorflow.op.core.Squeeze.axis(List.of(0L)))) : out;
  }

  /**
   * The {@code (*size, c, prod(size) * c)} identity kernel of Keras's {@code extract_patches}:
   * output channel {@code k} copies patch value {@code k}.
   */
  private static Tensor patchKernel(Tensor like, int[] size, long channels) {
    Ops tf = like.graph().tf();
    long n = channels;
    long[] dims = new long[size.length + 2];
    for (int i = 0; i < size.length; i++) {
      dims[i] = size[i];
      n *= size[i];
    }
    dims[size.length] = channels;
    dims[size.length + 1] = n;
    Operand<TFloat32> eye = tf.linalg.matrixDiag(tf.fill(tf.constant(new long[] {n}),
        tf.constant(1f)), tf.constant(0), tf.constant(-1), tf.constant(-1), tf.constant(0f));
    return result(like, tf.reshape(eye, tf.constant(dims)));
  }
}
