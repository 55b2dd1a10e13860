package keras4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.op.nn.SparseSoftmaxCrossEntropyWithLogits;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What a TF Java user writes by hand to train a network without keras4j: layers as raw ops on
 * {@code Variable}s (Glorot-uniform kernels, as Keras's defaults), the mean sparse softmax
 * crossentropy of the logits, and Adam with Keras's defaults applied by TF's {@code ApplyAdam},
 * the bias corrections kept in two beta-power variables as TF1's AdamOptimizer does; gradients
 * by TF's C++ registry ({@code Graph.addGradients}). The hand-written baselines ({@link RawMlp},
 * {@link RawLstm}) build their graphs with it.
 */
final class RawLayers {
  private final Ops tf;
  private final SplittableRandom random;
  private final List<Variable<TFloat32>> weights = new ArrayList<>();
  private final List<Op> statistics = new ArrayList<>();

  /** Layers in the graph of {@code tf}, their kernels drawn from {@code random}. */
  RawLayers(Ops tf, SplittableRandom random) {
    this.tf = tf;
    this.random = random;
  }

  /** The ops builder. */
  Ops tf() {
    return tf;
  }

  /** Whether a layer keeps statistics updated in training (BatchNormalization's averages). */
  boolean hasStatistics() {
    return !statistics.isEmpty();
  }

  /**
   * A trainable kernel of {@code shape}, Glorot-uniform with Keras's fans: the last two dims are
   * input and output, any before them the receptive field (a convolution's window).
   */
  Variable<TFloat32> glorot(long... shape) {
    long receptive = 1;
    for (int i = 0; i < shape.length - 2; i++) {
      receptive *= shape[i];
    }
    long fans = shape[shape.length - 2] + shape[shape.length - 1];
    double limit = Math.sqrt(6.0 / (receptive * fans));
    float[] values = new float[Math.toIntExact(Shape.of(shape).size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
    }
    return trainable(values, shape);
  }

  /** A trainable vector of {@code n} times {@code value} (a bias, a BatchNormalization scale). */
  Variable<TFloat32> filled(int n, float value) {
    return trainable(filledArray(n, value), n);
  }

  /** A trainable variable holding {@code values} in {@code shape}. */
  Variable<TFloat32> trainable(float[] values, long... shape) {
    Variable<TFloat32> w = tf.variable(tf.constant(Shape.of(shape), DataBuffers.of(values)));
    weights.add(w);
    return w;
  }

  private static float[] filledArray(int n, float value) {
    float[] values = new float[n];
    Arrays.fill(values, value);
    return values;
  }

  /** {@code x @ kernel + bias}, a Dense layer without its activation. */
  Operand<TFloat32> dense(Operand<TFloat32> x, int inputs, int units) {
    Variable<TFloat32> kernel = glorot(inputs, units);
    return tf.nn.biasAdd(tf.linalg.matMul(x, kernel), filled(units, 0));
  }

  /** A 3x3 convolution, stride 1, "valid" padding, no bias (BatchNormalization follows). */
  Operand<TFloat32> conv3x3(Operand<TFloat32> x, int channels, int filters) {
    return tf.nn.conv2d(x, glorot(3, 3, channels, filters), List.of(1L, 1L, 1L, 1L), "VALID");
  }

  /**
   * BatchNormalization in training mode as TF's fused kernel computes it (Keras's defaults:
   * epsilon 1e-3, momentum 0.99): the batch's statistics normalise, the kernel blends them into
   * the moving averages (with the unbiased variance, as Keras 2's fused path), which the train
   * step assigns.
   */
  Operand<TFloat32> batchNorm(Operand<TFloat32> x, int channels) {
    Variable<TFloat32> gamma = filled(channels, 1);
    Variable<TFloat32> beta = filled(channels, 0);
    Variable<TFloat32> mean = tf.variable(tf.constant(new float[channels]));
    Variable<TFloat32> variance = tf.variable(tf.constant(filledArray(channels, 1)));
    FusedBatchNorm<TFloat32, TFloat32> bn = tf.nn.fusedBatchNorm(x, gamma, beta, mean, variance,
        FusedBatchNorm.epsilon(1e-3f), FusedBatchNorm.exponentialAvgFactor(0.01f),
        FusedBatchNorm.isTraining(true));
    statistics.add(tf.assign(mean, bn.batchMean()));
    statistics.add(tf.assign(variance, bn.batchVariance()));
    return bn.y();
  }

  /** 2x2 max pooling, stride 2, "valid" padding. */
  Operand<TFloat32> maxPool(Operand<TFloat32> x) {
    var window = tf.constant(new int[] {1, 2, 2, 1});
    return tf.nn.maxPool(x, window, window, "VALID");
  }

  /** The mean sparse softmax crossentropy of {@code logits} against {@code labels}. */
  Operand<TFloat32> loss(Operand<TFloat32> logits, Operand<TInt32> labels) {
    registerLossGradient();
    return tf.math.mean(tf.nn.sparseSoftmaxCrossEntropyWithLogits(logits, labels).loss(),
        tf.constant(0));
  }

  /**
   * The ops of one training step: Adam's update of every trainable weight by the gradient of
   * {@code loss}, the beta powers' update after them, and the layers' statistics.
   */
  List<Op> adam(Operand<TFloat32> loss) {
    var gradients = tf.gradients(loss, weights);
    Operand<TFloat32> beta1 = tf.constant(0.9f);
    Operand<TFloat32> beta2 = tf.constant(0.999f);
    Variable<TFloat32> beta1Power = tf.variable(tf.constant(0.9f));
    Variable<TFloat32> beta2Power = tf.variable(tf.constant(0.999f));
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      Variable<TFloat32> w = weights.get(i);
      updates.add(tf.train.applyAdam(w, tf.variable(tf.zerosLike(w)), tf.variable(tf.zerosLike(w)),
          beta1Power, beta2Power, tf.constant(0.001f), beta1, beta2, tf.constant(1e-7f),
          gradients.<TFloat32>dy(i)));
    }
    Ops afterUpdates = tf.withControlDependencies(updates);
    List<Op> train = new ArrayList<>(statistics);
    train.add(afterUpdates.assign(beta1Power, tf.math.mul(beta1Power, beta1)));
    train.add(afterUpdates.assign(beta2Power, tf.math.mul(beta2Power, beta2)));
    return train;
  }

  // TF's C++ gradient registry lacks SparseSoftmaxCrossEntropyWithLogits: the gradient is the
  // op's second output scaled by the upstream gradient (the same formula keras4j registers).
  private static void registerLossGradient() {
    TensorFlow.registerCustomGradient(SparseSoftmaxCrossEntropyWithLogits.Inputs.class,
        (tf, op, upstream) -> {
          @SuppressWarnings("unchecked")
          var outputs = (SparseSoftmaxCrossEntropyWithLogits<TFloat32>) op.getOutputs();
          @SuppressWarnings("unchecked")
          Operand<TFloat32> dLoss = (Operand<TFloat32>) upstream.get(0);
          @SuppressWarnings("unchecked")
          Operand<TInt32> labels = (Operand<TInt32>) op.labels;
          return Arrays.asList(tf.math.mul(tf.expandDims(dLoss, tf.constant(-1)),
              outputs.backprop()), tf.zerosLike(labels));
        });
  }

  /** Shuffles {@code order} in place (Fisher-Yates), as each epoch starts. */
  static void shuffle(int[] order, SplittableRandom random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
  }

  /** {@code 0, 1, ..., n - 1}. */
  static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }
}
