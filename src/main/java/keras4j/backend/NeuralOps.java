package keras4j.backend;

import java.util.ArrayList;
import java.util.List;
import keras4j.core.Variable;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The TensorFlow ops behind the convolution, pooling, normalization and rectifier layers
 * (channels-last, as Keras's default {@code data_format}).
 */
public final class NeuralOps {
  private NeuralOps() {}

  private static Ops tf(Tensor t) {
    return t.graph().tf();
  }

  private static Tensor result(Tensor like, Operand<TFloat32> out) {
    return new Tensor(like.graph(), out);
  }

  private static List<Long> nhwc(int[] hw) {
    return List.of(1L, (long) hw[0], (long) hw[1], 1L);
  }

  /** Keras's padding name ("valid" or "same") as TensorFlow's. */
  private static String padding(String keras) {
    return keras.toUpperCase(java.util.Locale.ROOT);
  }

  /** 2-D cross-correlation of NHWC {@code x} with an HWIO kernel. */
  public static Tensor conv2d(
      Tensor x, Tensor kernel, int[] strides, String padding, int[] dilations) {
    return result(x, tf(x).nn.conv2d(x.operand(), kernel.operand(), nhwc(strides),
        padding(padding), Conv2d.dilations(nhwc(dilations))));
  }

  /** Max pooling over NHWC windows. */
  public static Tensor maxPool(Tensor x, int[] pool, int[] strides, String padding) {
    Ops tf = tf(x);
    Operand<TInt32> ksize = tf.constant(new int[] {1, pool[0], pool[1], 1});
    Operand<TInt32> steps = tf.constant(new int[] {1, strides[0], strides[1], 1});
    return result(x, tf.nn.maxPool(x.operand(), ksize, steps, padding(padding)));
  }

  /** Average pooling over NHWC windows; padded cells are not counted, as in Keras. */
  public static Tensor avgPool(Tensor x, int[] pool, int[] strides, String padding) {
    return result(x, tf(x).nn.avgPool(x.operand(), nhwc(pool), nhwc(strides), padding(padding)));
  }

  /**
   * Keras's {@code relu(x, negative_slope, max_value, threshold)}, term for term as {@code
   * keras.src.activations.ReLU.static_call}; {@code maxValue} null means no ceiling.
   */
  public static Tensor relu(Tensor x, float negativeSlope, Float maxValue, float threshold) {
    Ops tf = tf(x);
    Operand<TFloat32> in = x.operand();
    if (negativeSlope != 0 && maxValue == null && threshold == 0) {
      return result(x, tf.nn.leakyRelu(in, LeakyRelu.alpha(negativeSlope)));
    }
    Operand<TFloat32> out;
    if (threshold != 0) {
      // The mask is a constant for differentiation: d/dx (x * [x > t]) = [x > t].
      Operand<TFloat32> above = tf.stopGradient(
          tf.dtypes.cast(tf.math.greater(in, tf.constant(threshold)), TFloat32.class));
      out = tf.math.mul(in, above);
    } else {
      out = tf.nn.relu(in);
    }
    if (maxValue != null) {
      out = tf.math.minimum(tf.math.maximum(out, tf.constant(0f)), tf.constant(maxValue));
    }
    if (negativeSlope != 0) {
      Operand<TFloat32> below = tf.nn.relu(tf.math.sub(tf.constant(threshold), in));
      out = tf.math.sub(out, tf.math.mul(tf.constant(negativeSlope), below));
    }
    return result(x, out);
  }

  /**
   * Batch normalization over the last axis: in training, normalizes with the batch's mean and
   * (biased) variance and moves the moving statistics towards them by {@code 1 - momentum}, as
   * Keras 3; at inference, normalizes with the moving statistics. {@code gamma} and {@code beta}
   * may be null ({@code scale=False} or {@code center=False}).
   */
  public static Tensor batchNorm(Tensor x, Variable gamma, Variable beta, Variable movingMean,
      Variable movingVariance, float epsilon, float momentum, boolean training) {
    ModelGraph graph = x.graph();
    Ops tf = graph.tf();
    Operand<TFloat32> in = x.operand();
    Operand<TFloat32> mean;
    Operand<TFloat32> variance;
    List<Op> updates = new ArrayList<>();
    if (training) {
      int rank = in.shape().numDimensions();
      int[] reduce = new int[rank - 1];
      for (int i = 0; i < rank - 1; i++) {
        reduce[i] = i;
      }
      Operand<TInt32> axes = tf.constant(reduce);
      mean = tf.math.mean(in, axes);
      variance = tf.math.mean(tf.math.squaredDifference(in, mean), axes);
      updates.add(movingAverage(graph, movingMean, mean, momentum));
      updates.add(movingAverage(graph, movingVariance, variance, momentum));
    } else {
      mean = graph.read(movingMean);
      variance = graph.read(movingVariance);
    }
    Operand<TFloat32> inv = tf.math.rsqrt(tf.math.add(variance, tf.constant(epsilon)));
    if (gamma != null) {
      inv = tf.math.mul(inv, graph.read(gamma));
    }
    Operand<TFloat32> out = tf.math.mul(tf.math.sub(in, mean), inv);
    if (beta != null) {
      out = tf.math.add(out, graph.read(beta));
    }
    if (!updates.isEmpty()) {
      // The statistics move whenever the training output is computed.
      out = tf.withControlDependencies(updates).identity(out);
    }
    return result(x, out);
  }

  private static Op movingAverage(
      ModelGraph graph, Variable moving, Operand<TFloat32> batchValue, float momentum) {
    Ops tf = graph.tf();
    GraphVariable twin = graph.variable(moving);
    Operand<TFloat32> next = tf.math.add(tf.math.mul(twin.read(), tf.constant(momentum)),
        tf.math.mul(tf.stopGradient(batchValue), tf.constant(1f - momentum)));
    return tf.assign(twin.ref(), next);
  }
}
