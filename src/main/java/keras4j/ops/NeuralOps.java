package keras4j.ops;

import java.util.Arrays;
import java.util.List;
import keras4j.backend.Convolutions;
import keras4j.backend.DType;
import keras4j.backend.ImageKernels;
import keras4j.backend.Kernels;
import keras4j.backend.Tensor;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.core.TensorLike;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * Keras's {@code keras.ops.nn} (flat in {@code keras.ops}, as Keras exports them): activations,
 * softmax, moments and normalization, convolution and pooling (channels last). They compute in
 * float32 and refuse other dtypes with a message saying how to cast; {@code activation} (and the
 * activations by name), {@code conv} and the pools also take the float16 and bfloat16 of a layer
 * under a mixed precision policy.
 */
abstract class NeuralOps extends SortOps {
  NeuralOps() {}

  /** x as a float32 tensor; {@link Tensor#operand()} refuses another dtype, saying how to cast. */
  private static Tensor f32(TensorLike x) {
    Tensor in = t(x);
    in.operand();
    return in;
  }

  /**
   * x as a floating tensor: float32, or the float16 or bfloat16 of a layer computing under a mixed
   * precision policy (see {@link Tensor#floating()}).
   */
  private static Tensor floats(TensorLike x) {
    Tensor in = t(x);
    in.floating();
    return in;
  }

  /** {@code kernel} as a floating tensor of the half-precision {@code x}'s dtype, or refused. */
  private static Tensor floatsLike(Tensor x, TensorLike kernel, String op) {
    Tensor k = floats(kernel);
    if (k.dtype() != x.dtype()) {
      throw new IllegalArgumentException("ops." + op + ": the input is " + x.dtype() + " but the"
          + " kernel " + k.dtype() + "; cast one to the other's dtype");
    }
    return k;
  }

  /**
   * The Keras activation {@code name} ({@code "relu"}, {@code "softmax"}, {@code "elu"}, ...), as
   * {@code keras.activations.get(name)(x)}.
   *
   * @param name the activation's Keras name
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @return the activated values, shaped like {@code x}
   */
  public static KerasTensor activation(String name, TensorLike x) {
    return op(name, () -> Kernels.activation(name, floats(x)));
  }

  /**
   * {@code ops.relu(x)}: {@code max(x, 0)}.
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @return the rectified values, shaped like {@code x}
   */
  public static KerasTensor relu(TensorLike x) {
    return activation("relu", x);
  }

  /**
   * {@code ops.relu6(x)}: {@code min(max(x, 0), 6)}.
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @return the rectified values, shaped like {@code x}
   */
  public static KerasTensor relu6(TensorLike x) {
    return op("relu6", () -> out(tf().nn.relu6(f32(x).operand())));
  }

  /**
   * {@code ops.sigmoid(x)}; crossentropy losses use its logits, as Keras does.
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @return {@code 1 / (1 + exp(-x))}, element-wise, in (0, 1)
   */
  public static KerasTensor sigmoid(TensorLike x) {
    return activation("sigmoid", x);
  }

  /**
   * {@code ops.softplus(x)}: {@code log(1 + exp(x))}, computed without overflow.
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @return the softplus of each element, shaped like {@code x}
   */
  public static KerasTensor softplus(TensorLike x) {
    return activation("softplus", x);
  }

  /**
   * {@code ops.softsign(x)}: {@code x / (1 + |x|)}.
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @return the softsign of each element
   */
  public static KerasTensor softsign(TensorLike x) {
    return op("softsign", () -> out(tf().nn.softsign(f32(x).operand())));
  }

  /**
   * {@code ops.silu(x)} (swish): {@code x * sigmoid(x)}.
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @return the silu of each element
   */
  public static KerasTensor silu(TensorLike x) {
    return op("silu", () -> {
      Operand<TFloat32> v = f32(x).operand();
      return out(tf().math.mul(v, tf().math.sigmoid(v)));
    });
  }

  /**
   * {@code ops.log_sigmoid(x)}: {@code -softplus(-x)}.
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @return the log of the sigmoid of each element
   */
  public static KerasTensor logSigmoid(TensorLike x) {
    return negative(softplus(negative(x)));
  }

  /**
   * {@code ops.elu(x, alpha=1)}: {@code x} above 0, {@code alpha * (exp(x) - 1)} below.
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @return the elu of each element
   */
  public static KerasTensor elu(TensorLike x) {
    return op("elu", () -> out(tf().nn.elu(f32(x).operand())));
  }

  /**
   * {@code ops.elu(x, alpha)}: {@code x} above 0, {@code alpha * (exp(x) - 1)} below.
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @param alpha the scale of the negative part
   * @return the elu of each element
   */
  public static KerasTensor elu(TensorLike x, double alpha) {
    if (alpha == 1) {
      return elu(x);
    }
    return op("elu", () -> {
      var tf = tf();
      Operand<TFloat32> v = f32(x).operand();
      Operand<TFloat32> elu = tf.nn.elu(v);
      return out(tf.select(tf.math.greater(v, tf.constant(0f)), elu,
          tf.math.mul(tf.constant((float) alpha), elu)));
    });
  }

  /**
   * {@code ops.selu(x)}, with Keras's constants (those of TensorFlow's kernel).
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @return the selu of each element
   */
  public static KerasTensor selu(TensorLike x) {
    return op("selu", () -> out(tf().nn.selu(f32(x).operand())));
  }

  /**
   * {@code ops.leaky_relu(x)}: slope 0.2 below 0, Keras's default.
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @return the leaky relu of each element
   */
  public static KerasTensor leakyRelu(TensorLike x) {
    return leakyRelu(x, 0.2);
  }

  /**
   * {@code ops.leaky_relu(x, negative_slope)}.
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @param negativeSlope the slope below 0 (Keras's default 0.2)
   * @return the leaky relu of each element
   */
  public static KerasTensor leakyRelu(TensorLike x, double negativeSlope) {
    return op("leaky_relu", () -> Kernels.relu(f32(x), (float) negativeSlope, null, 0));
  }

  /**
   * {@code ops.hard_sigmoid(x)}: Keras 3's {@code relu6(x + 3) / 6}.
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @return the hard sigmoid of each element, in [0, 1]
   */
  public static KerasTensor hardSigmoid(TensorLike x) {
    return op("hard_sigmoid", () -> out(tf().math.div(
        tf().nn.relu6(tf().math.add(f32(x).operand(), tf().constant(3f))), tf().constant(6f))));
  }

  /**
   * {@code ops.gelu(x, approximate=True)}: {@code 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715
   * x^3)))}, Keras's default.
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @return the gelu of each element
   */
  public static KerasTensor gelu(TensorLike x) {
    return gelu(x, true);
  }

  /**
   * {@code ops.gelu(x, approximate)}: the tanh approximation (see {@link #gelu(TensorLike)}), or
   * the exact {@code 0.5 x (1 + erf(x / sqrt(2)))}.
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @param approximate whether to use the tanh approximation (Keras's default)
   * @return the gelu of each element
   */
  public static KerasTensor gelu(TensorLike x, boolean approximate) {
    if (!approximate) {
      return op("gelu", () -> {
        var tf = tf();
        Operand<TFloat32> v = f32(x).operand();
        Operand<TFloat32> erf = tf.math.erf(tf.math.div(v, tf.constant((float) Math.sqrt(2))));
        return out(tf.math.mul(tf.math.mul(tf.constant(0.5f), v),
            tf.math.add(tf.constant(1f), erf)));
      });
    }
    return op("gelu", () -> {
      var tf = tf();
      Operand<TFloat32> v = f32(x).operand();
      Operand<TFloat32> cube = tf.math.mul(tf.constant(0.044715f), tf.math.pow(v,
          tf.constant(3f)));
      Operand<TFloat32> inner = tf.math.mul(tf.constant((float) Math.sqrt(2 / Math.PI)),
          tf.math.add(v, cube));
      return out(tf.math.mul(tf.math.mul(tf.constant(0.5f), v),
          tf.math.add(tf.constant(1f), tf.math.tanh(inner))));
    });
  }

  /**
   * {@code ops.softmax(x)} over the last axis; crossentropy losses use its logits.
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @return the probabilities, each row summing to 1
   */
  public static KerasTensor softmax(TensorLike x) {
    return activation("softmax", x);
  }

  /**
   * {@code ops.softmax(x, axis)}.
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @param axis the axis that sums to 1
   * @return the probabilities
   */
  public static KerasTensor softmax(TensorLike x, int axis) {
    return alongLast("softmax", x, axis, false);
  }

  /**
   * {@code ops.log_softmax(x)} over the last axis.
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @return the log-probabilities
   */
  public static KerasTensor logSoftmax(TensorLike x) {
    return logSoftmax(x, -1);
  }

  /**
   * {@code ops.log_softmax(x, axis)}: {@code x - logsumexp(x)}, computed stably.
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @param axis the axis of each distribution
   * @return the log-probabilities
   */
  public static KerasTensor logSoftmax(TensorLike x, int axis) {
    return alongLast("log_softmax", x, axis, true);
  }

  /** TensorFlow's (log-)softmax, which works on the last axis: x transposed there and back. */
  private static KerasTensor alongLast(String name, TensorLike x, int axis, boolean log) {
    return op(name, () -> {
      Tensor in = f32(x);
      int rank = rank(in, name);
      int at = axis(axis, rank, name);
      var tf = tf();
      if (at == rank - 1 && !log) {
        return Kernels.activation("softmax", in);
      }
      int[] perm = new int[rank];
      for (int i = 0; i < rank; i++) {
        perm[i] = i == at ? rank - 1 : i == rank - 1 ? at : i;
      }
      Operand<TFloat32> moved = tf.linalg.transpose(in.operand(), tf.constant(perm));
      Operand<TFloat32> result = log ? tf.nn.logSoftmax(moved) : tf.nn.softmax(moved);
      return out(tf.linalg.transpose(result, tf.constant(perm)));
    });
  }

  /**
   * {@code ops.normalize(x, axis)} (order 2): {@code x} scaled to unit L2 norm along {@code axis},
   * as Keras computes it, {@code x * min(rsqrt(sum(x^2)), 1 / 1e-7)}, so a zero vector stays zero.
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @param axis the axis along which the norm is taken
   * @return x normalized, of x's shape
   */
  public static KerasTensor normalize(TensorLike x, int axis) {
    return op("normalize", () -> {
      var tf = tf();
      Tensor in = f32(x);
      Operand<TFloat32> a = in.operand();
      int at = axis(axis, rank(in, "normalize"), "normalize");
      return out(tf.math.mul(a, tf.math.minimum(
          tf.math.rsqrt(tf.reduceSum(tf.math.square(a), tf.constant(at),
              org.tensorflow.op.core.ReduceSum.keepDims(true))), tf.constant(1e7f))));
    });
  }

  /**
   * {@code ops.moments(x, axes=all but the last)}: {@code [mean, variance]} (biased).
   *
   * @param x the batch, features on the last axis
   * @return the mean and variance of each feature
   */
  public static List<KerasTensor> moments(TensorLike x) {
    return opList("moments", () -> List.of(Kernels.momentsOverBatch(f32(x))));
  }

  /**
   * {@code ops.moments(x, axes, keepdims)}: {@code [mean, variance]} (biased) over {@code axes},
   * in x's dtype as Keras's TensorFlow backend computes them: integers in integer arithmetic (the
   * mean rounded toward zero; cast x to float32 first for fractions), float16 and bfloat16 in
   * float32 and cast back, booleans as float32.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes the axes to reduce
   * @param keepdims whether they stay, of size 1
   * @return the mean and the variance
   */
  public static List<KerasTensor> moments(TensorLike x, int[] axes, boolean keepdims) {
    return opList("moments", () -> {
      Tensor original = t(x);
      DType d = original.dtype();
      if (d == DType.STRING) {
        throw new IllegalArgumentException("ops.moments takes numbers, got strings");
      }
      boolean half = d == DType.FLOAT16 || d == DType.BFLOAT16;
      Tensor in = half || d == DType.BOOL ? t(x, DType.FLOAT32) : original;
      var tf = tf();
      Operand<TInt32> at = tf.constant(axes(axes, rank(in, "moments"), "moments"));
      Operand<TNumber> v = any(in);
      Operand<TNumber> mean = tf.math.mean(v, at, Mean.keepDims(true));
      Operand<TNumber> variance = tf.math.mean(tf.math.squaredDifference(v,
          tf.stopGradient(mean)), at, Mean.keepDims(keepdims));
      Operand<TNumber> m = keepdims ? mean : tf.math.mean(v, at, Mean.keepDims(false));
      if (half) {
        // Clipped to float16's range first, as Keras, so that a large variance does not become inf.
        return List.of(halfAgain(m, d), halfAgain(variance, d));
      }
      return List.of(out(m), out(variance));
    });
  }

  private static Tensor halfAgain(Operand<TNumber> v, DType d) {
    var tf = tf();
    Operand<TNumber> clipped = tf.clipByValue(v, any(t(-65504.0, DType.FLOAT32)),
        any(t(65504.0, DType.FLOAT32)));
    return out(tf.dtypes.cast(clipped, d.type()));
  }

  /**
   * {@code ops.batch_normalization(x, mean, variance, axis=-1, offset, scale, epsilon)}: {@code
   * (x - mean) / sqrt(variance + epsilon) * scale + offset}; {@code offset} and {@code scale} may
   * be null.
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @param mean the mean of each feature
   * @param variance the variance of each feature
   * @param offset the learned shift (beta) of each feature, or null for none
   * @param scale the learned scale (gamma) of each feature, or null for none
   * @param epsilon added to the variance to avoid dividing by zero
   * @return the normalised values, shaped like {@code x}
   */
  public static KerasTensor batchNormalization(TensorLike x, TensorLike mean, TensorLike variance,
      TensorLike offset, TensorLike scale, double epsilon) {
    return op("batch_normalization", () -> {
      Tensor in = f32(x);
      Tensor m = f32(mean);
      Tensor v = f32(variance);
      Tensor o = offset == null ? null : f32(offset);
      Tensor s = scale == null ? null : f32(scale);
      checkBroadcast("batch_normalization (mean)", in, m);
      checkBroadcast("batch_normalization (variance)", in, v);
      if (o != null) {
        checkBroadcast("batch_normalization (offset)", in, o);
      }
      if (s != null) {
        checkBroadcast("batch_normalization (scale)", in, s);
      }
      return Kernels.batchNormalization(in, m, v, o, s, (float) epsilon);
    });
  }

  /**
   * {@code ops.batch_normalization(x, mean, variance, axis, offset, scale, epsilon)}: the
   * features on {@code axis} (the vectors reshaped to broadcast there, as Keras).
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @param mean the mean of each feature, a vector as long as {@code axis}
   * @param variance the variance of each feature
   * @param axis the axis of the features, negative counting from the end
   * @param offset the learned shift (beta) of each feature, or null for none
   * @param scale the learned scale (gamma) of each feature, or null for none
   * @param epsilon added to the variance to avoid dividing by zero
   * @return the normalised values, shaped like {@code x}
   */
  public static KerasTensor batchNormalization(TensorLike x, TensorLike mean, TensorLike variance,
      int axis, TensorLike offset, TensorLike scale, double epsilon) {
    int rank = ndim(x);
    int at = axis(axis, rank, "batch_normalization");
    if (at == rank - 1) {
      return batchNormalization(x, mean, variance, offset, scale, epsilon);
    }
    long[] shape = new long[rank];
    Arrays.fill(shape, 1);
    shape[at] = -1;
    return batchNormalization(x, reshape(mean, shape), reshape(variance, shape),
        offset == null ? null : reshape(offset, shape),
        scale == null ? null : reshape(scale, shape), epsilon);
  }

  /**
   * {@code ops.conv(x, kernel, strides, padding, dilation_rate)}: cross-correlation of
   * channels-last inputs of 1 to 3 spatial axes ({@code strides.length}) with a {@code (*window,
   * in / groups, out)} kernel. The number of groups is the input's channels over the kernel's
   * input channels, as in Keras.
   *
   * @param x the inputs, shaped (batch, *spatial, channels)
   * @param kernel the filters, shaped (*window, input channels / groups, output channels)
   * @param strides the step between windows, one per spatial axis
   * @param padding {@code "valid"} (no padding), {@code "same"} (output size {@code ceil(input /
   *     stride)}) or, 1-D only, {@code "causal"} (padded on the left)
   * @param dilationRate the spacing between kernel taps, one per spatial axis
   * @return the feature maps, shaped (batch, *spatial', output channels)
   */
  public static KerasTensor conv(
      TensorLike x, TensorLike kernel, int[] strides, String padding, int[] dilationRate) {
    return op("conv", () -> {
      Tensor in = floats(x);
      Tensor k = in.dtype() == DType.FLOAT32 ? f32(kernel) : floatsLike(in, kernel, "conv");
      spatial("conv", in, k, strides, dilationRate, padding, true);
      return Convolutions.conv(in, k, strides, padding, dilationRate);
    });
  }

  /**
   * {@code ops.depthwise_conv(x, kernel, strides, padding, dilation_rate)}: each input channel
   * cross-correlated with its own {@code multiplier} filters of a {@code (*window, channels,
   * multiplier)} kernel, output channel {@code c * multiplier + m}.
   *
   * @param x the inputs, shaped (batch, *spatial, channels), 1 or 2 spatial axes
   * @param kernel the filters, shaped (*window, channels, multiplier)
   * @param strides the step between windows, one per spatial axis
   * @param padding {@code "valid"} (no padding) or {@code "same"} (output size {@code ceil(input /
   *     stride)})
   * @param dilationRate the spacing between kernel taps, one per spatial axis
   * @return the feature maps, shaped (batch, *spatial', channels * multiplier)
   */
  public static KerasTensor depthwiseConv(
      TensorLike x, TensorLike kernel, int[] strides, String padding, int[] dilationRate) {
    return op("depthwise_conv", () -> {
      Tensor in = f32(x);
      Tensor k = f32(kernel);
      spatial("depthwise_conv", in, k, strides, dilationRate, padding, false);
      channels("depthwise_conv", in, k, k.value().shape().numDimensions() - 2);
      return Convolutions.depthwiseConv(in, k, strides, padding, dilationRate);
    });
  }

  /**
   * {@code ops.separable_conv(x, depthwise_kernel, pointwise_kernel, strides, padding,
   * dilation_rate)}: a depthwise convolution, then a 1x1 convolution mixing its channels.
   *
   * @param x the inputs, shaped (batch, *spatial, channels), 1 or 2 spatial axes
   * @param depthwiseKernel the depthwise filters, shaped (*window, channels, multiplier)
   * @param pointwiseKernel the 1x1 filters, shaped (*1, channels * multiplier, output channels)
   * @param strides the step between windows, one per spatial axis
   * @param padding {@code "valid"} (no padding) or {@code "same"} (output size {@code ceil(input /
   *     stride)})
   * @param dilationRate the spacing between kernel taps, one per spatial axis
   * @return the feature maps, shaped (batch, *spatial', output channels)
   */
  public static KerasTensor separableConv(TensorLike x, TensorLike depthwiseKernel,
      TensorLike pointwiseKernel, int[] strides, String padding, int[] dilationRate) {
    Shape xs = shape(x);
    Shape ds = shape(depthwiseKernel);
    Shape ps = shape(pointwiseKernel);
    long produced = xs.get(xs.numDimensions() - 1) * ds.get(ds.numDimensions() - 1);
    long taken = ps.numDimensions() < 2 ? -1 : ps.get(ps.numDimensions() - 2);
    if (produced >= 0 && taken != produced) {
      throw new IllegalArgumentException("ops.separable_conv: pointwise_kernel of shape "
          + Shapes.toKeras(ps) + " must take the " + produced + " channels the depthwise kernel"
          + " of shape " + Shapes.toKeras(ds) + " makes of x of shape " + Shapes.toKeras(xs)
          + " (channels x multiplier)");
    }
    KerasTensor depthwise = depthwiseConv(x, depthwiseKernel, strides, padding, dilationRate);
    int[] ones = new int[strides.length];
    java.util.Arrays.fill(ones, 1);
    return conv(depthwise, pointwiseKernel, ones, "valid", ones);
  }

  /**
   * {@code ops.conv_transpose(x, kernel, strides, padding, output_padding, dilation_rate)}: the
   * transposed convolution (the gradient of {@code conv} with respect to its input) with a {@code
   * (*window, out, in)} kernel, to the output size Keras computes.
   *
   * @param x the inputs, shaped (batch, *spatial, channels), 1 or 2 spatial axes
   * @param kernel the filters, shaped (*window, output channels, channels)
   * @param strides the upsampling factor, one per spatial axis
   * @param padding {@code "valid"} or {@code "same"} (output size {@code input * stride})
   * @param outputPadding cells added at the end of each axis, each less than its stride; null for
   *     Keras's default
   * @param dilationRate the spacing between kernel taps, one per spatial axis
   * @return the upsampled feature maps, shaped (batch, *spatial', output channels)
   */
  public static KerasTensor convTranspose(TensorLike x, TensorLike kernel, int[] strides,
      String padding, int[] outputPadding, int[] dilationRate) {
    return op("conv_transpose", () -> {
      Tensor in = f32(x);
      Tensor k = f32(kernel);
      spatial("conv_transpose", in, k, strides, dilationRate, padding, false);
      channels("conv_transpose", in, k, k.value().shape().numDimensions() - 1);
      return Convolutions.convTranspose(in, k, strides, padding, outputPadding, dilationRate);
    });
  }

  /**
   * {@code ops.depth_to_space(x, block_size)} (pixel shuffle): {@code (N, H, W, C * r * r)} to
   * {@code (N, H * r, W * r, C)}, each pixel's channels laid out as an {@code r x r} tile, as
   * {@code tf.nn.depth_to_space}; any dtype.
   *
   * @param x the inputs, shaped (batch, height, width, channels)
   * @param blockSize {@code r}, at least 2; the channels must be a multiple of {@code r * r}
   * @return the rearranged tensor, of {@code x}'s dtype
   */
  public static KerasTensor depthToSpace(TensorLike x, int blockSize) {
    return depthToSpace(x, blockSize, "channels_last");
  }

  /**
   * {@code ops.depth_to_space(x, block_size, data_format)}: {@link #depthToSpace(TensorLike,
   * int)} on {@code "channels_last"} or {@code "channels_first"} {@code (N, C * r * r, H, W)}
   * inputs.
   *
   * @param x the inputs, 4-D in {@code dataFormat}
   * @param blockSize {@code r}, at least 2; the channels must be a multiple of {@code r * r}
   * @param dataFormat {@code "channels_last"} or {@code "channels_first"}
   * @return the rearranged tensor, of {@code x}'s dtype
   */
  public static KerasTensor depthToSpace(TensorLike x, int blockSize, String dataFormat) {
    return op("depth_to_space", () -> {
      Tensor in = t(x);
      long[] nhwc = blockDims(in, blockSize, dataFormat, "depth_to_space");
      long square = (long) blockSize * blockSize;
      if (nhwc[3] >= 0 && nhwc[3] % square != 0) {
        throw new IllegalArgumentException("ops.depth_to_space: the number of channels ("
            + nhwc[3] + ") must be divisible by block_size**2 (" + square + ")");
      }
      return ImageKernels.depthToSpace(in, blockSize, dataFormat.equals("channels_first"));
    });
  }

  /**
   * {@code ops.space_to_depth(x, block_size)}, the inverse of {@link #depthToSpace}: {@code (N,
   * H * r, W * r, C)} to {@code (N, H, W, C * r * r)}; any dtype.
   *
   * @param x the inputs, shaped (batch, height, width, channels)
   * @param blockSize {@code r}, at least 2; the height and width must be multiples of it
   * @return the rearranged tensor, of {@code x}'s dtype
   */
  public static KerasTensor spaceToDepth(TensorLike x, int blockSize) {
    return spaceToDepth(x, blockSize, "channels_last");
  }

  /**
   * {@code ops.space_to_depth(x, block_size, data_format)}: {@link #spaceToDepth(TensorLike,
   * int)} on {@code "channels_last"} or {@code "channels_first"} inputs.
   *
   * @param x the inputs, 4-D in {@code dataFormat}
   * @param blockSize {@code r}, at least 2; the height and width must be multiples of it
   * @param dataFormat {@code "channels_last"} or {@code "channels_first"}
   * @return the rearranged tensor, of {@code x}'s dtype
   */
  public static KerasTensor spaceToDepth(TensorLike x, int blockSize, String dataFormat) {
    return op("space_to_depth", () -> {
      Tensor in = t(x);
      long[] nhwc = blockDims(in, blockSize, dataFormat, "space_to_depth");
      String[] names = {"Height", "Width"};
      for (int i = 0; i < 2; i++) {
        if (nhwc[i + 1] >= 0 && nhwc[i + 1] % blockSize != 0) {
          throw new IllegalArgumentException("ops.space_to_depth: " + names[i] + " ("
              + nhwc[i + 1] + ") must be divisible by block_size (" + blockSize + ")");
        }
      }
      return ImageKernels.spaceToDepth(in, blockSize, dataFormat.equals("channels_first"));
    });
  }

  /**
   * The (batch, height, width, channels) of the 4-D {@code x} in {@code dataFormat} (-1 where
   * unknown), after checking the block size, the format and the rank as Keras does.
   */
  private static long[] blockDims(Tensor x, int blockSize, String dataFormat, String op) {
    if (blockSize < 2) {
      throw new IllegalArgumentException("ops." + op + ": `block_size` must be at least 2."
          + " Received: block_size=" + blockSize);
    }
    if (!dataFormat.equals("channels_last") && !dataFormat.equals("channels_first")) {
      throw new IllegalArgumentException("ops." + op + ": data_format must be \"channels_last\""
          + " or \"channels_first\", got \"" + dataFormat + "\"");
    }
    org.tensorflow.ndarray.Shape shape = x.value().shape();
    if (shape.numDimensions() != 4) {
      throw new IllegalArgumentException("ops." + op + ": requires a 4D input tensor"
          + " (batch, height, width, channels). Received: x.shape="
          + keras4j.core.Shapes.toKeras(shape));
    }
    long[] d = shape.asArray();
    return dataFormat.equals("channels_last") ? d : new long[] {d[0], d[2], d[3], d[1]};
  }

  /**
   * {@code ops.max_pool(x, pool_size, strides, padding)} over channels-last windows of 1 to 3
   * spatial axes ({@code poolSize.length}).
   *
   * @param x the inputs, shaped (batch, *spatial, channels)
   * @param poolSize the window, one per spatial axis
   * @param strides the step between windows, one per spatial axis; null for {@code poolSize}
   *     (Keras's None)
   * @param padding {@code "valid"} (no padding) or {@code "same"} (output size {@code ceil(input /
   *     stride)})
   * @return the largest value of each window
   */
  public static KerasTensor maxPool(TensorLike x, int[] poolSize, int[] strides, String padding) {
    int[] steps = strides == null ? poolSize : strides;
    return op("max_pool", () -> {
      Tensor in = floats(x);
      spatial("max_pool", in, null, steps, poolSize, padding, false);
      return Convolutions.pool(in, true, poolSize, steps, padding);
    });
  }

  /**
   * {@code ops.average_pool(x, pool_size, strides, padding)} over 1 to 3 spatial axes; padded
   * cells are not counted.
   *
   * @param x the inputs, shaped (batch, *spatial, channels)
   * @param poolSize the window, one per spatial axis
   * @param strides the step between windows, one per spatial axis; null for {@code poolSize}
   *     (Keras's None)
   * @param padding {@code "valid"} (no padding) or {@code "same"} (output size {@code ceil(input /
   *     stride)})
   * @return the mean of each window
   */
  public static KerasTensor averagePool(
      TensorLike x, int[] poolSize, int[] strides, String padding) {
    int[] steps = strides == null ? poolSize : strides;
    return op("average_pool", () -> {
      Tensor in = floats(x);
      spatial("average_pool", in, null, steps, poolSize, padding, false);
      return Convolutions.pool(in, false, poolSize, steps, padding);
    });
  }

  /**
   * Keras's layout of a convolution ({@code kernel} given, {@code window} its dilation rate) or a
   * pooling ({@code kernel} null, {@code window} the pool size): x {@code (batch, *spatial,
   * channels)} with one stride and window entry per spatial axis, a known padding, and in
   * "valid" padding windows that fit in the input.
   */
  private static void spatial(String op, Tensor x, Tensor kernel, int[] strides, int[] window,
      String padding, boolean causal) {
    Shape xs = x.value().shape();
    int n = strides.length;
    String what = kernel == null ? "pool_size" : "dilation_rate";
    if (n < 1 || n > 3 || xs.numDimensions() != n + 2 || window.length != n) {
      throw new IllegalArgumentException("ops." + op + ": x of shape " + Shapes.toKeras(xs)
          + ", strides " + Arrays.toString(strides) + " and " + what + " "
          + Arrays.toString(window) + " do not agree: x is (batch, *spatial, channels) with 1 to"
          + " 3 spatial axes, and strides and " + what + " have one entry per spatial axis");
    }
    if (kernel != null && kernel.value().shape().numDimensions() != n + 2) {
      throw new IllegalArgumentException("ops." + op + ": kernel of shape "
          + Shapes.toKeras(kernel.value().shape()) + " for x of shape " + Shapes.toKeras(xs)
          + ": the kernel is (*window, in, out), of rank " + (n + 2));
    }
    if (!padding.equals("valid") && !padding.equals("same")
        && !(causal && n == 1 && padding.equals("causal"))) {
      throw new IllegalArgumentException("ops." + op + ": unknown padding '" + padding
          + "'. Valid: valid, same" + (causal ? " (and causal, 1-D)" : ""));
    }
    for (int i = 0; i < n; i++) {
      long span = kernel == null ? window[i]
          : (kernel.value().shape().get(i) - 1) * window[i] + 1;
      long size = xs.get(i + 1);
      if (strides[i] < 1 || window[i] < 1) {
        throw new IllegalArgumentException("ops." + op + ": strides " + Arrays.toString(strides)
            + " and " + what + " " + Arrays.toString(window) + " must be at least 1");
      }
      if (padding.equals("valid") && size >= 0 && span > size
          && !op.equals("conv_transpose")) {
        throw new IllegalArgumentException("ops." + op + ": a window of " + span + " on spatial"
            + " axis " + i + " of size " + size + " (x of shape " + Shapes.toKeras(xs) + ") does"
            + " not fit with padding 'valid'; use padding 'same' or a smaller window");
      }
    }
  }

  /** The kernel's input channels (its axis {@code axis}) must be x's channels. */
  private static void channels(String op, Tensor x, Tensor kernel, int axis) {
    Shape xs = x.value().shape();
    Shape ks = kernel.value().shape();
    long have = xs.get(xs.numDimensions() - 1);
    long want = ks.get(axis);
    if (have >= 0 && want >= 0 && have != want) {
      throw new IllegalArgumentException("ops." + op + ": kernel of shape " + Shapes.toKeras(ks)
          + " takes " + want + " input channels, x of shape " + Shapes.toKeras(xs) + " has "
          + have);
    }
  }

  /**
   * {@code keras.random.dropout(x, rate, seed)}: zeroes each value with probability {@code rate}
   * and scales the others by {@code 1 / (1 - rate)}; a new mask on every execution.
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @param rate the probability of dropping each value, in [0, 1)
   * @param seed the random seed
   * @return the values with dropout applied, shaped like {@code x}
   */
  public static KerasTensor dropout(TensorLike x, double rate, long seed) {
    return dropout(x, rate, seed, null);
  }

  /**
   * {@code keras.random.dropout(x, rate, noise_shape, seed)}: dropout with one draw per element
   * of {@code noiseShape}, broadcast over its axes of size 1 ({@code (NONE, 1, 1, 1)} drops whole
   * samples of images); -1 ({@code Keras.NONE}) takes {@code x}'s dimension.
   *
   * @param x the input: a float32 tensor, or a variable (read at its current value)
   * @param rate the probability of dropping each value, in [0, 1)
   * @param seed the random seed
   * @param noiseShape the shape of the mask, of {@code x}'s rank, each entry 1, {@code x}'s
   *     dimension or -1; null for {@code x}'s shape
   * @return the values with dropout applied, shaped like {@code x}
   */
  public static KerasTensor dropout(TensorLike x, double rate, long seed, long[] noiseShape) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
    }
    return op("dropout", () -> Kernels.dropout(f32(x), (float) rate, seed, noiseShape));
  }

  /**
   * The number of rows of {@code x} (its first dimension) as a float32 scalar, computed when the
   * op runs.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return a float32 scalar, the batch size
   */
  public static KerasTensor batchSize(TensorLike x) {
    return op("batch_size", () -> out(tf().dtypes.cast(
        tf().gather(tf().shape(t(x).value()), tf().constant(0), tf().constant(0)),
        DType.FLOAT32.type())));
  }
}
