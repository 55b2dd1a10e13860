package keras4j.backend;

import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.types.TFloat32;
import org.tensorflow.op.nn.SparseSoftmaxCrossEntropyWithLogits;

/**
 * Gradients that TensorFlow's C++ registry lacks, registered once per process.
 *
 * <p>TF Java 1.0.0 accepts at most ten custom gradients (the eleventh crashes the JVM), so every
 * registration goes through {@link #register} which counts them.
 */
final class Gradients {
  private static final int MAX_CUSTOM_GRADIENTS = 10;
  private static int registered;
  private static boolean done;

  private Gradients() {}

  static synchronized void registerMissing() {
    if (done) {
      return;
    }
    done = true;
    register(
        SparseSoftmaxCrossEntropyWithLogits.Inputs.class,
        (tf, op, upstream) -> {
          // d(loss)/d(logits) = upstream * (softmax - onehot), which the op's 2nd output holds.
          @SuppressWarnings("unchecked")
          var outputs = (SparseSoftmaxCrossEntropyWithLogits<TFloat32>) op.getOutputs();
          @SuppressWarnings("unchecked")
          Operand<TFloat32> upstreamLoss = (Operand<TFloat32>) upstream.get(0);
          var grad = tf.math.mul(tf.expandDims(upstreamLoss, tf.constant(-1)), outputs.backprop());
          Operand<?> labels = tf.zerosLike((Operand<?>) op.labels);
          return Arrays.asList(grad, labels);
        });
  }

  private static <T extends org.tensorflow.op.RawOpInputs<?>> void register(
      Class<T> inputs, org.tensorflow.op.CustomGradient<T> gradient) {
    if (registered >= MAX_CUSTOM_GRADIENTS) {
      throw new IllegalStateException(
          "TF Java 1.0.0 supports at most " + MAX_CUSTOM_GRADIENTS + " custom gradients");
    }
    if (TensorFlow.registerCustomGradient(inputs, gradient)) {
      registered++;
    }
  }
}
