package keras4j.backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.StridedSlice;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The TensorFlow ops behind Keras's {@code ops.conv}, {@code ops.depthwise_conv}, {@code
 * ops.conv_transpose} and the pooling ops, over channels-last inputs of 1 or 2 spatial axes (3
 * for pooling). A 1-D input runs as a 2-D one of height 1, as Keras's TensorFlow backend does.
 *
 * <p>The ops are chosen for their gradients, which come from TensorFlow's C++ registry: its
 * {@code Conv2D} gradient drops the {@code dilations} attribute, and a dilated {@code
 * DepthwiseConv2dNative} crashes oneDNN on CPU. A dilated window therefore runs as TensorFlow's
 * {@code with_space_to_batch} computes it (an undilated convolution of the input split into
 * {@code dilation} interleaved grids), and grouped convolutions as one convolution per group
 * (TensorFlow's grouped CPU kernel is not reliable without XLA, Keras notes).
 */
public final class Convolutions {
  private Convolutions() {}

  /** A 2-D windowed op: {@code (input, NHWC strides, TF padding)} to its output. */
  @FunctionalInterface
  private interface Op2D {
    Operand<TFloat32> apply(Operand<TFloat32> input, List<Long> strides, String padding);
  }

  /**
   * Cross-correlation with a {@code (*window, in / groups, out)} kernel over 1 to 3 spatial axes,
   * as {@code ops.conv}; {@code padding} is "valid", "same" or (1-D) "causal", and the groups
   * are read off the kernel as Keras does: {@code channels / kernel.shape[-2]}.
   */
  public static Tensor conv(Tensor x, Tensor kernel, int[] strides, String padding,
      int[] dilations) {
    Ops tf = x.graph().tf();
    long channels = x.floating().shape().get(x.floating().shape().numDimensions() - 1);
    long perGroup = kernel.floating().shape().get(strides.length);
    if (channels < 0 || channels % perGroup != 0) {
      throw new IllegalArgumentException("conv: the input's " + channels + " channels are not a"
          + " multiple of the kernel's " + perGroup + " input channels");
    }
    int groups = (int) (channels / perGroup);
    Operand<TFloat32> out;
    if (strides.length == 3) {
      out = conv3d(tf, x.floating(), kernel.floating(), strides, padding, dilations, groups);
    } else {
      boolean oneD = strides.length == 1;
      Operand<TFloat32> in = oneD ? tf.expandDims(x.floating(), tf.constant(1)) : x.floating();
      Operand<TFloat32> k = oneD ? tf.expandDims(kernel.floating(), tf.constant(0))
          : kernel.floating();
      out = squeezed(tf, oneD, windowed(tf, in, spatial(k), strides2d(strides), padding,
          strides2d(dilations), convOp(tf, k, groups)));
    }
    out = fitting(tf, x.floating(), out, spans(kernel, dilations), padding);
    return pinned(x, out, kernel, strides, padding, dilations, kernel.floating().shape()
        .get(strides.length + 1));
  }

  /** Conv2D with {@code kernel}, one per group when {@code groups > 1}. */
  private static Op2D convOp(Ops tf, Operand<TFloat32> kernel, int groups) {
    if (groups == 1) {
      return (a, s, p) -> tf.nn.conv2d(a, kernel, s, p);
    }
    return (a, s, p) -> {
      List<Operand<TFloat32>> parts = new ArrayList<>();
      var inputs = tf.split(tf.constant(3), a, (long) groups).output();
      var kernels = tf.split(tf.constant(3), kernel, (long) groups).output();
      for (int g = 0; g < groups; g++) {
        parts.add(tf.nn.conv2d(inputs.get(g), kernels.get(g), s, p));
      }
      return tf.concat(parts, tf.constant(3));
    };
  }

  /**
   * A 3-D convolution as a sum of 2-D ones, one per depth offset of the kernel, each over the
   * depth slices it sees folded into the batch: TensorFlow's C++ registry has no Conv3D
   * gradient.
   */
  private static Operand<TFloat32> conv3d(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel,
      int[] strides, String padding, int[] dilations, int groups) {
    int depth = (int) kernel.shape().get(0);
    int span = (depth - 1) * dilations[0] + 1;
    int stride = strides[0];
    if (padding.equals("same")) {
      Operand<TInt32> n = dim(tf, tf.shape(x), 1);
      Operand<TInt32> total = samePadding(tf, n, stride, span);
      Operand<TInt32> start = tf.math.floorDiv(total, tf.constant(2));
      Operand<TInt32> zero = tf.constant(new int[] {0, 0});
      x = tf.pad(x, tf.stack(List.of(zero, tf.stack(List.of(start, tf.math.sub(total, start))),
          zero, zero, zero)), zeroOf(tf, x));
    }
    Operand<TInt32> shape = tf.shape(x);
    // (padded depth - span) / stride + 1 output slices.
    Operand<TInt32> slices = tf.math.add(tf.math.floorDiv(tf.math.sub(dim(tf, shape, 1),
        tf.constant(span)), tf.constant(stride)), tf.constant(1));
    Operand<TInt32> image = tf.stridedSlice(shape, tf.constant(new int[] {2}),
        tf.constant(new int[] {5}), tf.constant(new int[] {1}));
    Operand<TFloat32> sum = null;
    for (int i = 0; i < depth; i++) {
      Operand<TInt32> begin = tf.constant(i * dilations[0]);
      Operand<TInt32> end = tf.math.add(begin, tf.math.add(tf.math.mul(
          tf.math.sub(slices, tf.constant(1)), tf.constant(stride)), tf.constant(1)));
      Operand<TInt32> zero = tf.constant(0);
      Operand<TFloat32> seen = tf.stridedSlice(x, tf.stack(List.of(zero, begin, zero, zero, zero)),
          tf.stack(List.of(zero, end, zero, zero, zero)),
          tf.constant(new int[] {1, stride, 1, 1, 1}), StridedSlice.beginMask(0b11101L),
          StridedSlice.endMask(0b11101L));
      Operand<TFloat32> folded = tf.reshape(seen,
          tf.concat(List.of(tf.constant(new int[] {-1}), image), tf.constant(0)));
      // kernel[i], sliced rather than split: a Split of one part has no valid gradient.
      Operand<TFloat32> k = tf.stridedSlice(kernel, tf.constant(new int[] {i, 0, 0, 0, 0}),
          tf.constant(new int[] {i + 1, 0, 0, 0, 0}), tf.constant(new int[] {1, 1, 1, 1, 1}),
          StridedSlice.beginMask(0b11110L), StridedSlice.endMask(0b11110L),
          StridedSlice.shrinkAxisMask(1L));
      Operand<TFloat32> out = windowed(tf, folded, spatial(k),
          new int[] {strides[1], strides[2]}, padding,
          new int[] {dilations[1], dilations[2]}, convOp(tf, k, groups));
      Operand<TInt32> outImage = tf.stridedSlice(tf.shape(out), tf.constant(new int[] {1}),
          tf.constant(new int[] {4}), tf.constant(new int[] {1}));
      out = tf.reshape(out, tf.concat(List.of(tf.constant(new int[] {-1}),
          tf.reshape(slices, tf.constant(new int[] {1})), outImage), tf.constant(0)));
      sum = sum == null ? out : tf.math.add(sum, out);
    }
    return sum;
  }

  /**
   * Depthwise cross-correlation with a {@code (*window, channels, multiplier)} kernel, as {@code
   * ops.depthwise_conv}; strides and dilations may be combined, as in Keras 3.
   */
  public static Tensor depthwiseConv(Tensor x, Tensor kernel, int[] strides, String padding,
      int[] dilations) {
    Ops tf = x.graph().tf();
    boolean oneD = strides.length == 1;
    Operand<TFloat32> in = oneD ? tf.expandDims(x.floating(), tf.constant(1)) : x.floating();
    Operand<TFloat32> k = oneD ? tf.expandDims(kernel.floating(), tf.constant(0)) : kernel.floating();
    // TensorFlow's CPU depthwise kernel (without oneDNN, as on AMD hosts) takes only equal row
    // and column strides: the row of a 1-D input has height 1, so striding it changes nothing.
    int[] steps = oneD ? new int[] {strides[0], strides[0]} : strides;
    Operand<TFloat32> out = squeezed(tf, oneD, windowed(tf, in, spatial(k), steps,
        padding, strides2d(dilations), (a, s, p) -> tf.nn.depthwiseConv2dNative(a, k, s, p)));
    out = fitting(tf, x.floating(), out, spans(kernel, dilations), padding);
    Shape kernelShape = kernel.floating().shape();
    return pinned(x, out, kernel, strides, padding, dilations,
        kernelShape.get(strides.length) * kernelShape.get(strides.length + 1));
  }

  /**
   * The transposed convolution with a {@code (*window, out, in)} kernel, as Keras's {@code
   * ops.conv_transpose}: TensorFlow's {@code conv_transpose} to the output size Keras computes
   * ({@code outputPadding} null for Keras's default).
   */
  public static Tensor convTranspose(Tensor x, Tensor kernel, int[] strides, String padding,
      int[] outputPadding, int[] dilations) {
    Ops tf = x.graph().tf();
    boolean oneD = strides.length == 1;
    Operand<TFloat32> in = oneD ? tf.expandDims(x.floating(), tf.constant(1)) : x.floating();
    Operand<TFloat32> k = oneD ? tf.expandDims(kernel.floating(), tf.constant(0)) : kernel.floating();
    int[] s = strides2d(strides);
    int[] d = strides2d(dilations);
    int[] window = spatial(k);
    Operand<TInt32> shape = tf.shape(in);
    List<Operand<TInt32>> sizes = new ArrayList<>();
    sizes.add(dim(tf, shape, 0));
    for (int i = 0; i < 2; i++) {
      int pad = outputPadding == null ? -1
          : oneD ? (i == 0 ? 0 : outputPadding[0]) : outputPadding[i];
      sizes.add(transposedLength(tf, in.shape().get(i + 1), dim(tf, shape, i + 1),
          window[i], s[i], d[i], padding, pad));
    }
    sizes.add(tf.constant((int) k.shape().get(2)));
    // TensorFlow's CPU Conv2DBackpropInput (without oneDNN, as on AMD hosts) refuses dilations
    // above 1, so the kernel is dilated explicitly: the same window with zeros between taps.
    Operand<TFloat32> out = tf.nn.conv2dBackpropInput(tf.stack(sizes), dilated(tf, k, d), in,
        nhwc(s), tfPadding(padding));
    return new Tensor(x.graph(), squeezed(tf, oneD, out));
  }

  /** The {@code (h, w, out, in)} kernel {@code k} with {@code d - 1} zeros between its taps. */
  private static Operand<TFloat32> dilated(Ops tf, Operand<TFloat32> k, int[] d) {
    Operand<TFloat32> out = k;
    for (int axis = 0; axis < 2; axis++) {
      if (d[axis] == 1) {
        continue;
      }
      // int32 shapes: TensorFlow's C++ Slice gradient mixes int64 begins with int32 shapes.
      int[] dims = Arrays.stream(out.shape().asArray()).mapToInt(n -> (int) n)
          .toArray();
      // (..., taps, rest) -> (..., taps, 1, rest) padded to (..., taps, d, rest), flattened to
      // taps * d cells of which the last d - 1 are cut: (taps - 1) * d + 1.
      Operand<TFloat32> spread = tf.expandDims(out, tf.constant(axis + 1));
      int[][] pads = new int[5][2];
      pads[axis + 1][1] = d[axis] - 1;
      spread = tf.pad(spread, tf.constant(pads), zeroOf(tf, spread));
      int[] flat = dims.clone();
      flat[axis] = dims[axis] * d[axis];
      spread = tf.reshape(spread, tf.constant(flat));
      int[] size = dims.clone();
      size[axis] = (dims[axis] - 1) * d[axis] + 1;
      out = tf.slice(spread, tf.constant(new int[4]), tf.constant(size));
    }
    return out;
  }

  /**
   * Max ({@code max} true) or average pooling over channels-last windows of 1 to 3 axes; average
   * pooling leaves padded cells out of the mean, as Keras.
   */
  public static Tensor pool(Tensor x, boolean max, int[] pool, int[] strides, String padding) {
    Ops tf = x.graph().tf();
    String p = tfPadding(padding);
    if (pool.length == 3) {
      List<Long> size = ndhwc(pool);
      List<Long> steps = ndhwc(strides);
      return new Tensor(x.graph(), fitting(tf, x.floating(), max
          ? tf.nn.maxPool3d(x.floating(), size, steps, p)
          : tf.nn.avgPool3d(x.floating(), size, steps, p), pool, padding));
    }
    boolean oneD = pool.length == 1;
    Operand<TFloat32> in = oneD ? tf.expandDims(x.floating(), tf.constant(1)) : x.floating();
    List<Long> size = nhwc(strides2d(pool));
    List<Long> steps = nhwc(strides2d(strides));
    Operand<TFloat32> out = max
        ? tf.nn.maxPool(in, tf.constant(ints(size)), tf.constant(ints(steps)), p)
        : tf.nn.avgPool(in, size, steps, p);
    return new Tensor(x.graph(), fitting(tf, x.floating(), squeezed(tf, oneD, out), pool, padding));
  }

  /** A zero of {@code x}'s dtype (float16 or bfloat16 under a mixed precision policy), to pad. */
  private static Operand<TFloat32> zeroOf(Ops tf, Operand<TFloat32> x) {
    return x.type() == TFloat32.class ? tf.constant(0f) : tf.dtypes.cast(tf.constant(0f), x.type());
  }

  /** The span of the kernel's window on each spatial axis, {@code (k - 1) * dilation + 1}. */
  private static int[] spans(Tensor kernel, int[] dilations) {
    int[] out = new int[dilations.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((int) kernel.floating().shape().get(i) - 1) * dilations[i] + 1;
    }
    return out;
  }

  /**
   * {@code out}, failing at run time when an axis of {@code x} of unknown size is shorter than
   * its window under "valid" padding: TensorFlow's CPU convolution then returns a tensor of the
   * wrong shape instead of an error (a 2x2 image through a 3x3 kernel comes out 2x2).
   */
  private static Operand<TFloat32> fitting(Ops tf, Operand<TFloat32> x, Operand<TFloat32> out,
      int[] spans, String padding) {
    if (!padding.equals("valid")) {
      return out;
    }
    Operand<TInt32> shape = tf.shape(x);
    List<Operand<TBool>> fits = new ArrayList<>();
    for (int i = 0; i < spans.length; i++) {
      if (x.shape().get(i + 1) < 0) {
        fits.add(tf.math.greaterEqual(dim(tf, shape, i + 1), tf.constant(spans[i])));
      }
    }
    if (fits.isEmpty()) {
      return out;
    }
    var check = tf.assertThat(tf.reduceAll(tf.stack(fits), tf.constant(0)), List.of(
        tf.constant("Computed output size would be zero or negative: the input's spatial size"
            + " is smaller than the window " + java.util.Arrays.toString(spans)
            + " with padding \"valid\". Input shape:"), shape));
    return tf.withControlDependencies(List.of(check)).identity(out);
  }

  /**
   * {@code op} over {@code x} with Keras's padding, dilation and strides. Undilated, TensorFlow
   * pads (causal padding is explicit); dilated, the input is padded as TensorFlow's {@code
   * required_space_to_batch_paddings} pads it, split into grids by {@code SpaceToBatchND}, the
   * windows slide undilated at stride 1, and strides subsample the result (as Keras decomposes a
   * strided, dilated depthwise convolution).
   */
  private static Operand<TFloat32> windowed(Ops tf, Operand<TFloat32> x, int[] window,
      int[] strides, String padding, int[] dilations, Op2D op) {
    boolean causal = padding.equals("causal");
    if (dilations[0] == 1 && dilations[1] == 1) {
      if (!causal) {
        return op.apply(x, nhwc(strides), tfPadding(padding));
      }
      int[][] left = {{0, 0}, {0, 0}, {window[1] - 1, 0}, {0, 0}};
      return op.apply(tf.pad(x, tf.constant(left), zeroOf(tf, x)), nhwc(strides), "VALID");
    }
    Operand<TInt32> shape = tf.shape(x);
    List<Operand<TInt32>> paddings = new ArrayList<>();
    List<Operand<TInt32>> crops = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Operand<TInt32> n = dim(tf, shape, i + 1);
      int span = (window[i] - 1) * dilations[i] + 1;
      Operand<TInt32> start;
      Operand<TInt32> end;
      if (padding.equals("same")) {
        Operand<TInt32> total = samePadding(tf, n, strides[i], span);
        start = tf.math.floorDiv(total, tf.constant(2));
        end = tf.math.sub(total, start);
      } else {
        start = tf.constant(causal && i == 1 ? span - 1 : 0);
        end = tf.constant(0);
      }
      Operand<TInt32> block = tf.constant(dilations[i]);
      Operand<TInt32> extra = tf.math.floorMod(tf.math.sub(block,
          tf.math.floorMod(tf.math.add(tf.math.add(n, start), end), block)), block);
      paddings.add(tf.stack(List.of(start, tf.math.add(end, extra))));
      crops.add(tf.stack(List.of(tf.constant(0), extra)));
    }
    Operand<TInt32> blocks = tf.constant(dilations);
    Operand<TFloat32> grids = tf.spaceToBatchNd(x, blocks, tf.stack(paddings));
    Operand<TFloat32> out = tf.batchToSpaceNd(op.apply(grids, nhwc(new int[] {1, 1}), "VALID"),
        blocks, tf.stack(crops));
    if (strides[0] == 1 && strides[1] == 1) {
      return out;
    }
    return tf.stridedSlice(out, tf.constant(new int[4]), tf.constant(new int[4]),
        tf.constant(new int[] {1, strides[0], strides[1], 1}),
        StridedSlice.beginMask(15L), StridedSlice.endMask(15L));
  }

  /**
   * The output length along one axis of {@code length} cells (-1 when unknown, giving -1), as
   * Keras's {@code compute_conv_output_shape}.
   *
   * @throws IllegalArgumentException if the window does not fit
   */
  public static long outputLength(long length, int window, int stride, int dilation,
      String padding) {
    if (length < 0) {
      return -1;
    }
    long span = (long) dilation * (window - 1) + 1;
    long out = padding.equals("valid") ? Math.floorDiv(length - span, stride) + 1
        : Math.floorDiv(length + stride - 1, stride);
    if (out <= 0) {
      throw new IllegalArgumentException("A window of " + span + " does not fit an input of length "
          + length + " with padding \"" + padding + "\"");
    }
    return out;
  }

  /**
   * The output length of a transposed convolution along one axis of {@code length} cells (-1 when
   * unknown, giving -1), Keras's {@code compute_conv_transpose_output_shape}; {@code
   * outputPadding} -1 for Keras's default.
   */
  public static long transposedLength(long length, int window, int stride, int dilation,
      String padding, int outputPadding) {
    if (length < 0) {
      return -1;
    }
    int span = (window - 1) * dilation + 1;
    if (padding.equals("valid")) {
      int pad = outputPadding >= 0 ? outputPadding : Math.max(span, stride) - span;
      return (length - 1) * stride + span + pad;
    }
    return outputPadding < 0 ? length * stride
        : (length - 1) * stride + span % 2 + outputPadding;
  }

  /** {@link #transposedLength} as a graph scalar, for a length known only at run time. */
  private static Operand<TInt32> transposedLength(Ops tf, long known, Operand<TInt32> n,
      int window, int stride, int dilation, String padding, int outputPadding) {
    if (known >= 0) {
      return tf.constant((int) transposedLength(known, window, stride, dilation, padding,
          outputPadding));
    }
    // The length is n * stride plus a constant: its value at n = 1, less one stride.
    long offset = transposedLength(1, window, stride, dilation, padding, outputPadding) - stride;
    return tf.math.add(tf.math.mul(n, tf.constant(stride)), tf.constant((int) offset));
  }

  /**
   * TensorFlow's SAME padding of an axis of {@code n} cells for a window of {@code span} at
   * {@code stride}: enough for ceil(n / stride) windows, the odd cell at the end.
   */
  private static Operand<TInt32> samePadding(Ops tf, Operand<TInt32> n, int stride, int span) {
    Operand<TInt32> windows = tf.math.floorDiv(tf.math.add(n, tf.constant(stride - 1)),
        tf.constant(stride));
    return tf.math.maximum(tf.constant(0), tf.math.sub(tf.math.add(
        tf.math.mul(tf.math.sub(windows, tf.constant(1)), tf.constant(stride)),
        tf.constant(span)), n));
  }

  /** {@code out} without the height axis a 1-D input was given. */
  private static Operand<TFloat32> squeezed(Ops tf, boolean oneD, Operand<TFloat32> out) {
    return oneD ? tf.squeeze(out, org.tensorflow.op.core.Squeeze.axis(List.of(1L))) : out;
  }

  /**
   * {@code out} with the static shape Keras computes when {@code x}'s spatial size is known: the
   * run-time paddings of a dilated window hide it from TensorFlow's shape inference, and the
   * layers after need it.
   */
  private static Tensor pinned(Tensor x, Operand<TFloat32> out, Tensor kernel, int[] strides,
      String padding, int[] dilations, long channels) {
    Shape in = x.floating().shape();
    long[] dims = new long[in.numDimensions()];
    dims[0] = -1;
    dims[dims.length - 1] = channels;
    boolean hidden = false;
    for (int i = 0; i < strides.length; i++) {
      dims[i + 1] = outputLength(in.get(i + 1), (int) kernel.floating().shape().get(i),
          strides[i], dilations[i], padding);
      if (dims[i + 1] < 0) {
        return new Tensor(x.graph(), out);
      }
      hidden |= out.shape().get(i + 1) < 0;
    }
    return new Tensor(x.graph(),
        hidden ? x.graph().tf().reshape(out, x.graph().tf().constant(dims)) : out);
  }

  private static Operand<TInt32> dim(Ops tf, Operand<TInt32> shape, int axis) {
    return tf.gather(shape, tf.constant(axis), tf.constant(0));
  }

  /** The kernel's spatial size {@code (kh, kw)}. */
  private static int[] spatial(Operand<TFloat32> kernel) {
    return new int[] {(int) kernel.shape().get(0), (int) kernel.shape().get(1)};
  }

  /** A 1-D setting as the 2-D one of a height-1 input. */
  private static int[] strides2d(int[] values) {
    return values.length == 1 ? new int[] {1, values[0]} : values;
  }

  private static List<Long> nhwc(int[] hw) {
    return List.of(1L, (long) hw[0], (long) hw[1], 1L);
  }

  private static List<Long> ndhwc(int[] dhw) {
    return List.of(1L, (long) dhw[0], (long) dhw[1], (long) dhw[2], 1L);
  }

  private static int[] ints(List<Long> values) {
    return values.stream().mapToInt(Long::intValue).toArray();
  }

  /** Keras's padding name as TensorFlow's. */
  private static String tfPadding(String keras) {
    return keras.toUpperCase(Locale.ROOT);
  }
}
