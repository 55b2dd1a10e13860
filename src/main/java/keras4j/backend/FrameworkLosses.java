package keras4j.backend;

import org.tensorflow.Operand;
import org.tensorflow.framework.losses.Losses;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's losses computed by TensorFlow Java's framework ({@code framework.losses.Losses}); for
 * crossentropies of a softmax or sigmoid output the logits are used, as Keras does.
 */
public final class FrameworkLosses {
  private FrameworkLosses() {}

  /** Which framework loss to compute. */
  public enum Kind {
    MEAN_SQUARED_ERROR, MEAN_ABSOLUTE_ERROR, BINARY_CROSSENTROPY, CATEGORICAL_CROSSENTROPY,
    SPARSE_CATEGORICAL_CROSSENTROPY, HINGE, KL_DIVERGENCE
  }

  /**
   * The per-sample loss of {@code kind}; {@code labelSmoothing} applies to the binary and
   * categorical crossentropies only.
   */
  public static Tensor perSample(
      Kind kind, Tensor yTrue, Tensor pred, boolean fromLogits, float labelSmoothing) {
    Ops tf = pred.graph().tf();
    Operand<TFloat32> labels = yTrue.operand();
    Operand<TFloat32> p = pred.operand();
    Operand<TFloat32> out =
        switch (kind) {
          case MEAN_SQUARED_ERROR -> Losses.meanSquaredError(tf, labels, p);
          case MEAN_ABSOLUTE_ERROR -> Losses.meanAbsoluteError(tf, labels, p);
          case HINGE -> Losses.hinge(tf, labels, p);
          case KL_DIVERGENCE -> Losses.kullbackLeiblerDivergence(tf, labels, p);
          case BINARY_CROSSENTROPY -> {
            Operand<TFloat32> logits = fromLogits ? null : pred.logitsOf("sigmoid");
            yield logits != null
                ? Losses.binaryCrossentropy(tf, labels, logits, true, labelSmoothing)
                : Losses.binaryCrossentropy(tf, labels, p, fromLogits, labelSmoothing);
          }
          case CATEGORICAL_CROSSENTROPY -> {
            Operand<TFloat32> logits = fromLogits ? null : pred.logitsOf("softmax");
            yield logits != null
                ? Losses.categoricalCrossentropy(tf, labels, logits, true, labelSmoothing, -1)
                : Losses.categoricalCrossentropy(tf, labels, p, fromLogits, labelSmoothing, -1);
          }
          case SPARSE_CATEGORICAL_CROSSENTROPY -> {
            Operand<TFloat32> logits = fromLogits ? p : pred.logitsOf("softmax");
            yield sparse(tf, labels, logits != null ? logits : p, logits != null);
          }
        };
    return new Tensor(pred.graph(), out);
  }

  private static Operand<TFloat32> sparse(
      Ops tf, Operand<TFloat32> labels, Operand<TFloat32> p, boolean useLogits) {
    // Class ids as int32 of shape (batch), whether fed as (batch) or (batch, 1).
    Operand<TInt32> ids =
        tf.reshape(tf.dtypes.cast(labels, TInt32.class), tf.constant(new int[] {-1}));
    Operand<TFloat32> logits = p;
    if (!useLogits) {
      float eps = Losses.EPSILON;
      logits = tf.math.log(tf.clipByValue(p, tf.constant(eps), tf.constant(1f - eps)));
    }
    // One-hot labels into SoftmaxCrossEntropyWithLogits, whose gradient TensorFlow's C++ registry
    // has: the sparse op's gradient exists only in Python, and TF Java's custom gradients are
    // limited to ten, broken on Windows (tensorflow/java#486) and log on every run.
    Operand<TInt32> lastAxis = tf.math.sub(tf.rank(logits), tf.constant(1));
    Operand<TInt32> classes = tf.gather(tf.shape(logits), lastAxis, tf.constant(0));
    Operand<TFloat32> oneHot = tf.oneHot(ids, classes, tf.constant(1f), tf.constant(0f));
    return tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss();
  }
}
