package keras4j.tf;

import keras4j.core.KerasTensor;
import keras4j.core.TensorLike;
import keras4j.backend.CoreBridge;
import keras4j.backend.FrameworkLosses;
import keras4j.backend.Tensor;
import keras4j.ops.Ops;
import keras4j.utils.RandomSeed;

/** {@code tf.nn}, reached as {@code TF.nn}: activations and crossentropies on logits. */
public final class NnOps {
  NnOps() {}

  /**
   * {@code tf.nn.relu(x)}: {@code max(x, 0)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the rectified values, shaped like {@code x}
   */
  public KerasTensor relu(TensorLike x) {
    return Ops.relu(TF.inTrace("nn.relu", x));
  }

  /**
   * {@code tf.nn.sigmoid(x)}: {@code 1 / (1 + exp(-x))}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the values squashed into (0, 1)
   */
  public KerasTensor sigmoid(TensorLike x) {
    return Ops.sigmoid(TF.inTrace("nn.sigmoid", x));
  }

  /**
   * {@code tf.nn.softmax(x)} over the last axis.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the probabilities, each row summing to 1
   */
  public KerasTensor softmax(TensorLike x) {
    return Ops.softmax(TF.inTrace("nn.softmax", x));
  }

  /**
   * {@code tf.nn.dropout(x, rate)}: zeroes each value with probability {@code rate} and scales the
   * others by {@code 1 / (1 - rate)}; a new mask on every call of the function.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param rate the probability of dropping each value, in [0, 1)
   * @return the values with dropout applied, shaped like {@code x}
   */
  public KerasTensor dropout(TensorLike x, double rate) {
    return Ops.dropout(TF.inTrace("nn.dropout", x), rate, RandomSeed.next());
  }

  /**
   * {@code tf.nn.softmax_cross_entropy_with_logits(labels, logits)}: per sample, {@code
   * -sum(labels * log_softmax(logits))} over the last axis; labels are probabilities (one-hot).
   *
   * @param labels the class probabilities (e.g. one-hot), shaped like {@code logits}
   * @param logits the unnormalised scores, one row per sample
   * @return the loss of each sample, shape (batch)
   */
  public KerasTensor softmaxCrossEntropyWithLogits(TensorLike labels, TensorLike logits) {
    Tensor z = inTrace("nn.softmaxCrossEntropyWithLogits", logits);
    Tensor y = inTrace("nn.softmaxCrossEntropyWithLogits", labels);
    return CoreBridge.kerasTensor(new Tensor(z.graph(),
        z.graph().tf().nn.softmaxCrossEntropyWithLogits(z.operand(), y.operand()).loss()));
  }

  /**
   * {@code tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits)}: per sample, {@code
   * -log_softmax(logits)[label]}; labels are class ids, shape (batch) or (batch, 1).
   *
   * @param labels the class id of each sample, shape (batch)
   * @param logits the scores, shape (batch, classes)
   * @return the loss of each sample, shape (batch)
   */
  public KerasTensor sparseSoftmaxCrossEntropyWithLogits(TensorLike labels, TensorLike logits) {
    Tensor z = inTrace("nn.sparseSoftmaxCrossEntropyWithLogits", logits);
    return CoreBridge.kerasTensor(FrameworkLosses.perSample(
        FrameworkLosses.Kind.SPARSE_CATEGORICAL_CROSSENTROPY, CoreBridge.tensor(labels.asTensor()),
        z, true, 0f));
  }

  /**
   * {@code tf.nn.sigmoid_cross_entropy_with_logits(labels, logits)}, element-wise, in the stable
   * form {@code max(x, 0) - x * z + log(1 + exp(-|x|))}.
   *
   * @param labels the targets in [0, 1], shaped like {@code logits}
   * @param logits the unnormalised scores, one row per sample
   * @return the element-wise loss, shaped like {@code logits}
   */
  public KerasTensor sigmoidCrossEntropyWithLogits(TensorLike labels, TensorLike logits) {
    Tensor x = inTrace("nn.sigmoidCrossEntropyWithLogits", logits);
    Tensor z = inTrace("nn.sigmoidCrossEntropyWithLogits", labels);
    var tf = x.graph().tf();
    var positive = tf.math.maximum(x.operand(), tf.constant(0f));
    var softplus = tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(x.operand()))));
    return CoreBridge.kerasTensor(new Tensor(x.graph(),
        tf.math.add(tf.math.sub(positive, tf.math.mul(x.operand(), z.operand())), softplus)));
  }

  private static Tensor inTrace(String op, TensorLike x) {
    return CoreBridge.tensor(TF.inTrace(op, x).asTensor());
  }
}
